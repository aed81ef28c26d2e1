package io.webpaas.server.certifier;

import io.webpaas.server.auth.ErrorBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the refusals of the Certifier's controllers as {@code {"error": …, "error_description": …}};
 * {@link UserCertificateServlet} answers its own.
 */
@RestControllerAdvice(assignableTypes = {AuthorityAdminController.class,
        InternalHostCertificates.class})
class CertifierErrors {

    @ExceptionHandler(CertifierException.class)
    ResponseEntity<ErrorBody> refused(CertifierException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(e.error(), e.getMessage()));
    }

    @ExceptionHandler(RotationConflictException.class)
    ResponseEntity<ErrorBody> conflict(RotationConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody("conflict", e.getMessage()));
    }
}
