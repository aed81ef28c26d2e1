package io.webpaas.server.certifier;

import io.webpaas.server.auth.ErrorBody;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the Certifier's refusals as {@code {"error": …, "error_description": …}}. */
@RestControllerAdvice(assignableTypes = {SshCertificateController.class, AuthorityAdminController.class,
        InternalHostCertificates.class})
class CertifierErrors {

    @ExceptionHandler(CertifierException.class)
    ResponseEntity<ErrorBody> refused(CertifierException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            // RFC 6750 §3: no error code when the request carried no token at all
            response.header(HttpHeaders.WWW_AUTHENTICATE,
                    e.error().equals("invalid_token") ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        return response.body(new ErrorBody(e.error(), e.getMessage()));
    }

    @ExceptionHandler(RotationConflictException.class)
    ResponseEntity<ErrorBody> conflict(RotationConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("conflict", e.getMessage()));
    }
}
