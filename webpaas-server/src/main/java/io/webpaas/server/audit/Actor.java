package io.webpaas.server.audit;

import io.webpaas.server.config.ApiException;
import java.util.Map;
import java.util.UUID;

/** Who asks for a change and from where: the subject of the audit events it causes. */
public record Actor(UUID userUuid, String username, String clientAddress) {

    public AuditEvent success(String type, String projectId, Map<String, Object> detail) {
        return AuditEvent.success(type, userUuid, projectId, clientAddress, detail);
    }

    /** A refused request, with the reason the client was given. */
    public AuditEvent refused(String type, String projectId, ApiException refusal) {
        return AuditEvent.failure(type, userUuid, projectId, clientAddress, Map.of(
                "status", refusal.status().value(), "error", refusal.error(), "reason", refusal.getMessage()));
    }
}
