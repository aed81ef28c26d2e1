package io.webpaas.server.certifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the Certifier's refusals as {@code {"error": …, "error_description": …}}. */
@RestControllerAdvice(assignableTypes = {SshCertificateController.class, AuthorityAdminController.class})
class CertifierErrors {

    @ExceptionHandler(CertifierException.class)
    ResponseEntity<CertifierError> refused(CertifierException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + e.error() + "\"");
        }
        return response.body(new CertifierError(e.error(), e.getMessage()));
    }

    @ExceptionHandler(RotationConflictException.class)
    ResponseEntity<CertifierError> conflict(RotationConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(new CertifierError("conflict", e.getMessage()));
    }
}
