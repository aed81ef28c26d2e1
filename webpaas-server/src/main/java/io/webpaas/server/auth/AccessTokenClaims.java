package io.webpaas.server.auth;

import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Records on each access token which grant issued it, so introspection can tell a token
 * from a refresh apart from the first one. The login facts (amr, MFA time) are not claims:
 * {@link AuthorizationStore} keeps them with the authorization.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<OAuth2TokenClaimsContext> {
    static final String GRANT_TYPE = "grant_type";

    @Override
    public void customize(OAuth2TokenClaimsContext context) {
        context.getClaims().claim(GRANT_TYPE, context.getAuthorizationGrantType().getValue());
    }
}
