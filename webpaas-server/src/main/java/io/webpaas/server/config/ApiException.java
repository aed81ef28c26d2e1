package io.webpaas.server.config;

import io.webpaas.server.auth.ErrorBody;
import org.springframework.http.HttpStatus;

/**
 * A refusal to show to the API client as an {@link ErrorBody}; the message says what to fix.
 * Thrown only after nothing has been written.
 */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String error;

    private ApiException(HttpStatus status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException invalid(String description) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    public static ApiException forbidden(String description) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", description);
    }

    public static ApiException conflict(String description) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", description);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public ErrorBody body() {
        return new ErrorBody(error, getMessage());
    }
}
