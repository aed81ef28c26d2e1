package io.webpaas.server.auth;

import io.webpaas.server.audit.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is calling an {@code /api/v1} endpoint, taken from the bearer token's introspection.
 * Controllers receive it as a method argument.
 *
 * @param mfaVerified when the caller last passed MFA, or {@code null}
 * @param tokenId the access token's {@code jti}
 */
public record Caller(UUID userUuid, String username, List<String> amr, Instant mfaVerified, String tokenId,
                     boolean staff) {

    public boolean mfa() {
        return mfaVerified != null;
    }

    /** This caller as the subject of the audit events its request causes. */
    public Actor actor(String clientAddress) {
        return new Actor(userUuid, username, clientAddress);
    }
}
