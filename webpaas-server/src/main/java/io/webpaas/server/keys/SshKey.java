package io.webpaas.server.keys;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered public key. Exactly one of {@code userUuid} (an account key, usable by that
 * user on all their projects) and {@code projectId} (a project key) is set.
 *
 * @param publicKey the normalized one-line OpenSSH form
 * @param lastUsedAt when the gateway last accepted it, or {@code null}
 */
public record SshKey(String id, UUID userUuid, String projectId, String title, String keyType, String publicKey,
                     String sha256Fingerprint, String md5Fingerprint, UUID addedBy, Instant addedAt,
                     Instant lastUsedAt) {

    public boolean isProjectKey() {
        return projectId != null;
    }
}
