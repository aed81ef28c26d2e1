package io.webpaas.server.keys;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's view of registered keys, on the auth service's internal API (the security chain
 * admits the internal client only): {@code GET /internal/v1/keys?fingerprint=SHA256:…} lists
 * every registration of a key, {@code POST /internal/v1/keys/{id}/used} records a login with it.
 */
@RestController
class InternalKeysApi {
    private final KeyRegistry registry;
    private final AuditLog audit;

    InternalKeysApi(KeyRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @GetMapping("/internal/v1/keys")
    Registrations find(@RequestParam(required = false) String fingerprint, HttpServletRequest request) {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw refuse(request, "key.lookup", Map.of(), ApiException.invalid(
                    "fingerprint is required: the key's SHA-256 fingerprint as ssh-keygen -l prints it (SHA256:…)"));
        }
        return new Registrations(registry.findBySha256Fingerprint(fingerprint).stream().map(RegisteredKey::of).toList());
    }

    @PostMapping("/internal/v1/keys/{keyId}/used")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void used(@PathVariable String keyId, HttpServletRequest request) {
        if (!registry.markUsed(keyId)) {
            throw refuse(request, "key.used", Map.of("key_id", keyId),
                    ApiException.notFound("No key '" + keyId + "' is registered; it may have been deleted"));
        }
    }

    private ApiException refuse(HttpServletRequest request, String type, Map<String, Object> detail,
                                ApiException refusal) {
        Map<String, Object> audited = new HashMap<>(detail);
        audited.put("status", refusal.status().value());
        audited.put("reason", refusal.getMessage());
        audit.record(AuditEvent.failure(type, null, null, request.getRemoteAddr(), audited));
        return refusal;
    }

    /** {@code keys} is empty for a key registered nowhere. */
    record Registrations(List<RegisteredKey> keys) {
    }
}
