package io.webpaas.server.certifier;

import org.springframework.http.HttpStatus;

/**
 * A refused Certifier request: the HTTP status, an OAuth2-style error code and a sentence for
 * the person at the terminal. Answered as {@code {"error": …, "error_description": …}}.
 */
class CertifierException extends RuntimeException {
    private final HttpStatus status;
    private final String error;

    CertifierException(HttpStatus status, String error, String description) {
        super(description, null, false, false); // a refusal, not a failure: no stack trace to fill
        this.status = status;
        this.error = error;
    }

    static CertifierException badRequest(String description) {
        return new CertifierException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    static CertifierException invalidKey(String description) {
        return new CertifierException(HttpStatus.BAD_REQUEST, "invalid_key", description);
    }

    static CertifierException tooLarge(String description) {
        return new CertifierException(HttpStatus.CONTENT_TOO_LARGE, "request_too_large", description);
    }

    static CertifierException noToken(String description) {
        return new CertifierException(HttpStatus.UNAUTHORIZED, "unauthorized", description);
    }

    static CertifierException invalidToken(String description) {
        return new CertifierException(HttpStatus.UNAUTHORIZED, "invalid_token", description);
    }

    static CertifierException forbidden(String description) {
        return new CertifierException(HttpStatus.FORBIDDEN, "access_denied", description);
    }

    static CertifierException unavailable(String description) {
        return new CertifierException(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable", description);
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }
}
