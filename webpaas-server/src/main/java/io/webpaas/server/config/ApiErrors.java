package io.webpaas.server.config;

import io.webpaas.server.auth.ErrorBody;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refusals of the {@code /api/v1} controllers into {@link ErrorBody} bodies with the
 * right status. Other features (the Certifier) keep their own error contracts.
 */
@RestControllerAdvice(basePackages = {"io.webpaas.server.directory", "io.webpaas.server.keys"})
public class ApiErrors {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> refused(ApiException refusal) {
        return ResponseEntity.status(refusal.status()).body(refusal.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return refused(ApiException.invalid("The request body must be a JSON object; check its syntax and the types "
                + "of its fields"));
    }

    /** Two requests raced to create the same thing; the loser hears it exists. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ErrorBody> duplicate(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new ErrorBody("conflict", "This already exists; reload and try again"));
    }
}
