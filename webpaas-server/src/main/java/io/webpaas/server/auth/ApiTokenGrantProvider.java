package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.tokens.ApiToken;
import io.webpaas.server.tokens.ApiTokens;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues tokens for {@code grant_type=api_token}. The login they stand for has amr
 * {@code ["api_token"]}, plus {@code "mfa"} with the API token's MFA time when the token was
 * created by a session that had passed MFA. The tokens carry every scope of the client,
 * {@code offline_access} for the CLI, with a refresh token: the API token is a long-lived
 * credential already, and a script's session refreshes like any other. Every exchange is audited.
 */
final class ApiTokenGrantProvider implements AuthenticationProvider {
    private final ApiTokens apiTokens;
    private final Users users;
    private final OAuth2AuthorizationService authorizations;
    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
    private final AuditLog audit;

    ApiTokenGrantProvider(ApiTokens apiTokens, Users users, OAuth2AuthorizationService authorizations,
                          OAuth2TokenGenerator<? extends OAuth2Token> tokens, AuditLog audit) {
        this.apiTokens = apiTokens;
        this.users = users;
        this.authorizations = authorizations;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        ApiTokenGrant.Request request = (ApiTokenGrant.Request) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
                || client.getRegisteredClient() == null) {
            throw error(OAuth2ErrorCodes.INVALID_CLIENT, "client authentication failed");
        }
        RegisteredClient registeredClient = client.getRegisteredClient();
        if (!registeredClient.getAuthorizationGrantTypes().contains(ApiTokenGrant.TYPE)) {
            throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "this client may not use the api_token grant");
        }
        ApiToken apiToken = apiTokens.use(request.apiToken()).orElse(null);
        User user = apiToken == null ? null : users.find(apiToken.userUuid()).orElse(null);
        if (user == null) {
            audit.record(AuditEvent.failure("api_token.exchanged", null, null, request.clientAddress(),
                    Map.of("reason", "unknown or revoked API token")));
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "the API token is unknown or revoked");
        }

        List<String> amr = apiToken.mfaVerified() == null ? List.of(Login.API_TOKEN) : List.of(Login.API_TOKEN, Login.MFA);
        LoginAuthentication principal = LoginAuthentication.complete(
                new Login(user.uuid(), user.username(), amr, Instant.now(), apiToken.mfaVerified(), apiToken.id()));
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(registeredClient)
                .principalName(principal.getName())
                .authorizationGrantType(ApiTokenGrant.TYPE)
                .authorizedScopes(registeredClient.getScopes())
                .attribute(Principal.class.getName(), principal);
        DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
                .registeredClient(registeredClient)
                .principal(principal)
                .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                .authorizedScopes(registeredClient.getScopes())
                .authorizationGrantType(ApiTokenGrant.TYPE)
                .authorizationGrant(request);

        OAuth2Token generated = tokens.generate(context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build());
        if (generated == null) {
            throw error(OAuth2ErrorCodes.SERVER_ERROR, "no access token generated");
        }
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(), registeredClient.getScopes());
        authorization.token(accessToken, metadata -> {
            if (generated instanceof ClaimAccessor claims) {
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims());
            }
        });
        OAuth2RefreshToken refreshToken = null;
        if (tokens.generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build()) instanceof OAuth2RefreshToken refresh) {
            refreshToken = refresh;
            authorization.refreshToken(refresh);
        }
        authorizations.save(authorization.build());
        audit.record(AuditEvent.success("api_token.exchanged", user.uuid(), null, request.clientAddress(),
                Map.of("token_id", apiToken.id().toString(), "mfa", apiToken.mfaVerified() != null)));
        return new OAuth2AccessTokenAuthenticationToken(registeredClient, client, accessToken, refreshToken);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenGrant.Request.class.isAssignableFrom(authentication);
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
