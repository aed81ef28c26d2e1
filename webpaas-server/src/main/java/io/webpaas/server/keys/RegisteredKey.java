package io.webpaas.server.keys;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One registration of a public key, as the internal API tells the gateway: exactly one of
 * {@code userUuid} (an account key) and {@code projectId} (a project key) is set.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisteredKey(String id, UUID userUuid, String projectId) {

    static RegisteredKey of(SshKey key) {
        return new RegisteredKey(key.id(), key.userUuid(), key.projectId());
    }
}
