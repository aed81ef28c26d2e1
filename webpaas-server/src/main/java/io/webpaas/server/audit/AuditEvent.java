package io.webpaas.server.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audited fact. {@code type} is a dotted name such as {@code certificate.issued} or
 * {@code ssh.auth}; {@code outcome} is {@code success} or {@code failure}; {@code detail}
 * holds the type's own fields (serial, fingerprint, bytes, exit status, reason…).
 */
public record AuditEvent(
        Long id,
        Instant at,
        String type,
        String outcome,
        UUID userUuid,
        String projectId,
        String clientAddress,
        Map<String, Object> detail) {

    public static AuditEvent success(String type, UUID user, String projectId, String clientAddress,
                                     Map<String, Object> detail) {
        return new AuditEvent(null, Instant.now(), type, "success", user, projectId, clientAddress, detail);
    }

    public static AuditEvent failure(String type, UUID user, String projectId, String clientAddress,
                                     Map<String, Object> detail) {
        return new AuditEvent(null, Instant.now(), type, "failure", user, projectId, clientAddress, detail);
    }
}
