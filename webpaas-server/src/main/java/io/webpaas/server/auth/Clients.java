package io.webpaas.server.auth;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The two OAuth2 clients, fixed by the product rather than registered at run time. Each
 * client's id is its client_id, which is what authorizations record.
 */
@Configuration(proxyBeanMethods = false)
public class Clients {
    public static final String CLI = "webpaas-cli";
    /** The one scope: asked for, it brings a refresh token (the OpenID Connect convention). */
    public static final String OFFLINE_ACCESS = "offline_access";
    /** Access tokens live 15 minutes, as in the seeds' example (exp - iat = 901). */
    public static final Duration ACCESS_TOKEN_TTL = Duration.ofSeconds(901);

    @Bean
    RegisteredClientRepository registeredClientRepository(InternalClient internal) {
        return new InMemoryRegisteredClientRepository(cli(), internal(internal));
    }

    /**
     * The CLI: a public client proving possession with S256 PKCE. Loopback redirects accept
     * any port (RFC 8252 §7.3; Spring matches 127.0.0.1 and [::1] ignoring the port). It may
     * ask for {@code offline_access} (see {@link RefreshTokens}).
     */
    private static RegisteredClient cli() {
        return RegisteredClient.withId(CLI)
                .clientId(CLI)
                .clientName("WebPaaS CLI")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrantType(ApiTokenGrant.TYPE)
                .redirectUri("http://127.0.0.1/callback")
                .redirectUri("http://[::1]/callback")
                .scope(OFFLINE_ACCESS)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                        .accessTokenTimeToLive(ACCESS_TOKEN_TTL)
                        .refreshTokenTimeToLive(Duration.ofDays(30))
                        .reuseRefreshTokens(false)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .deviceCodeTimeToLive(Duration.ofMinutes(10))
                        .build())
                .build();
    }

    /**
     * Internal services: introspection only. The client_credentials grant is listed because a
     * client needs one, but its provider is removed from the token endpoint, so no token
     * without a user is ever issued.
     */
    private static RegisteredClient internal(InternalClient internal) {
        return RegisteredClient.withId(InternalClient.CLIENT_ID)
                .clientId(InternalClient.CLIENT_ID)
                .clientName("WebPaaS internal services")
                .clientSecret(TokenHash.sha256(internal.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build();
    }
}
