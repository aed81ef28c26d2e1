package io.webpaas.cli.auth;

import java.time.Instant;
import java.util.List;

/**
 * A logged-in session, kept in {@code session.json} (mode 0600) under the session directory.
 *
 * @param apiUrl the server that issued the tokens; every command of this session talks to it
 * @param expiresAt when the access token expires (epoch seconds)
 * @param tokenId the access token's {@code jti}, which certificates carry as {@code token-id@webpaas}
 */
public record Session(String apiUrl, String accessToken, String refreshToken, long expiresAt, String tokenId,
                      String userUuid, String username, List<String> amr, Long mfaVerified, String grantType) {

    /** Whether the access token is still good {@code marginSeconds} from now. */
    public boolean validFor(long marginSeconds) {
        return Instant.now().getEpochSecond() + marginSeconds < expiresAt;
    }

    /** This session's user with the tokens of a refresh. */
    Session refreshed(TokenResponse tokens, Introspection introspection) {
        return new Session(apiUrl, tokens.accessToken(),
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
                expiry(tokens, introspection), introspection.jti(), userUuid, username, introspection.amr(),
                introspection.mfaVerified(), introspection.grantType());
    }

    static long expiry(TokenResponse tokens, Introspection introspection) {
        return introspection.exp() != null ? introspection.exp() : Instant.now().getEpochSecond() + tokens.expiresIn();
    }
}
