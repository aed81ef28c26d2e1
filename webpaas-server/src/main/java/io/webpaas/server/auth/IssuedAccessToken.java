package io.webpaas.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * An access token as stored: what introspection reports about it.
 *
 * @param grant the grant that began the authorization (e.g. {@code authorization_code})
 * @param grantType the grant that issued this very token (e.g. {@code refresh_token})
 */
public record IssuedAccessToken(String jti, String clientId, String grant, String grantType, Set<String> scopes,
                                Instant issuedAt, Instant expiresAt, boolean invalidated, Login login) {

    public boolean activeAt(Instant now) {
        return !invalidated && now.isBefore(expiresAt);
    }
}
