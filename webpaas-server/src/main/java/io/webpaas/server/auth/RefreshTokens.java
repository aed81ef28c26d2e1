package io.webpaas.server.auth;

import java.time.Instant;
import java.util.Base64;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens for a client that has the refresh_token grant, when the authorization holds
 * the {@code offline_access} scope (as in OpenID Connect: a login that did not ask for it
 * ends with its access token), and at every refresh, which rotates the token. Spring's own
 * generator gives none to a public client after an authorization code grant; the CLI is a
 * public client, so rotation ({@code reuseRefreshTokens=false}) is what bounds a stolen token.
 */
final class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {
    private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 48);

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !context.getRegisteredClient().getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)
                || !(context.getAuthorizedScopes().contains(Clients.OFFLINE_ACCESS)
                        || AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType()))) {
            return null;
        }
        Instant issuedAt = Instant.now();
        return new OAuth2RefreshToken(values.generateKey(), issuedAt,
                issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
    }
}
