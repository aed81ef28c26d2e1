package io.webpaas.server.config;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refusals of the {@code /api/v1} controllers into {@link ErrorBody} bodies with the
 * right status. An {@link ApiException} was audited where it was raised, with its context;
 * the refusals raised by the framework are audited here. Other features (the Certifier)
 * keep their own error contracts.
 */
@RestControllerAdvice(basePackages = {"io.webpaas.server.auth", "io.webpaas.server.directory", "io.webpaas.server.keys",
        "io.webpaas.server.tokens", "io.webpaas.server.audit"})
public class ApiErrors {
    private final AuditLog audit;

    public ApiErrors(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> refused(ApiException refusal) {
        return ResponseEntity.status(refusal.status()).body(refusal.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return audited(request, ApiException.invalid(
                "The request body must be a JSON object; check its syntax and the types of its fields"));
    }

    /** Two requests raced to create the same thing; the loser hears it exists. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ErrorBody> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        return audited(request, ApiException.conflict("This already exists; reload and try again"));
    }

    private ResponseEntity<ErrorBody> audited(HttpServletRequest request, ApiException refusal) {
        Principal caller = request.getUserPrincipal();
        Map<String, Object> detail = new LinkedHashMap<>(); // in this order in the audit log's JSON
        detail.put("method", request.getMethod());
        detail.put("path", request.getRequestURI());
        detail.put("status", refusal.status().value());
        detail.put("reason", refusal.getMessage());
        UUID user = caller == null ? null : userOrNull(caller.getName());
        if (caller != null && user == null) {
            detail.put("client", caller.getName()); // the internal API's client, which is no user
        }
        audit.record(AuditEvent.failure("api.request", user, null, request.getRemoteAddr(), detail));
        return refused(refusal);
    }

    private static UUID userOrNull(String name) {
        try {
            return UUID.fromString(name);
        } catch (IllegalArgumentException notAUser) {
            return null;
        }
    }
}
