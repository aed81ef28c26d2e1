package io.webpaas.server.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.Users;
import io.webpaas.server.tokens.ApiTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Security's authorization server, at {@code /oauth2/*}: opaque access tokens,
 * refresh tokens rotated on use, the device grant, the {@code api_token} grant, RFC 7662
 * introspection answering with the seeds' document, and revocation by the public CLI.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(WebpaasProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.publicUrl()).build();
    }

    /** Tokens are opaque: no JWT is signed, so no signing key is generated or published. */
    @Bean
    JWKSource<SecurityContext> noSigningKeys() {
        return new ImmutableJWKSet<>(new JWKSet());
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator() {
        OAuth2AccessTokenGenerator accessTokens = new OAuth2AccessTokenGenerator();
        accessTokens.setAccessTokenCustomizer(new AccessTokenClaims());
        return new DelegatingOAuth2TokenGenerator(accessTokens, new RefreshTokens());
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, AuthorizationStore authorizations,
                                                 RegisteredClientRepository clients,
                                                 OAuth2TokenGenerator<?> tokenGenerator,
                                                 AuthorizationServerSettings settings, ApiTokens apiTokens, Users users,
                                                 AuditLog auditLog, TokenEndpointAudit audit,
                                                 IntrospectionResponse introspectionResponse,
                                                 LoginFlow loginFlow) {
        http.oauth2AuthorizationServer(as -> http.securityMatcher(as.getEndpointsMatcher()))
                .oauth2AuthorizationServer(as -> as
                        .authorizationService(authorizations)
                        .tokenGenerator(tokenGenerator)
                        .clientAuthentication(client -> client
                                .authenticationConverter(new PublicClients.Converter(settings.getTokenIntrospectionEndpoint()))
                                .authenticationProvider(new PublicClients.Provider(clients))
                                .authenticationProviders(providers -> providers.replaceAll(provider ->
                                        provider instanceof ClientSecretAuthenticationProvider
                                                ? hashedSecrets(clients, authorizations) : provider)))
                        .tokenEndpoint(token -> token
                                .accessTokenResponseHandler(audit::tokenIssued)
                                .errorResponseHandler(audit::tokenRefused)
                                .accessTokenRequestConverter(new ApiTokenGrant.Converter())
                                .authenticationProvider(new ApiTokenGrantProvider(apiTokens, users, authorizations,
                                        tokenGenerator, auditLog))
                                // Every token stands for a user: no client_credentials or token exchange.
                                .authenticationProviders(providers -> providers.removeIf(provider ->
                                        provider instanceof OAuth2ClientCredentialsAuthenticationProvider
                                                || provider instanceof OAuth2TokenExchangeAuthenticationProvider)))
                        .tokenRevocationEndpoint(revocation -> revocation
                                .revocationResponseHandler(audit::tokenRevoked)
                                .errorResponseHandler(audit::revocationRefused))
                        .tokenIntrospectionEndpoint(introspection -> introspection
                                .introspectionResponseHandler(introspectionResponse))
                        .deviceAuthorizationEndpoint(device -> device.verificationUri(LoginFlow.DEVICE_PAGE))
                        .deviceVerificationEndpoint(verification -> verification
                                // Typing the code and pressing Approve on the device page is the consent.
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider verify) {
                                        verify.setAuthorizationConsentRequired(context -> context.getRegisteredClient()
                                                .getClientSettings().isRequireAuthorizationConsent());
                                    }
                                }))
                                .deviceVerificationResponseHandler(loginFlow::deviceApproved)
                                .errorResponseHandler(loginFlow::deviceRefused)))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(settings.getAuthorizationEndpoint(), settings.getDeviceVerificationEndpoint())
                        .hasAuthority(LoginAuthentication.COMPLETE)
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LoginFlow.LOGIN_PAGE),
                                new MediaTypeRequestMatcher(MediaType.TEXT_HTML))
                        .accessDeniedHandler(loginFlow::continueLogin));
        return http.build();
    }

    private static ClientSecretAuthenticationProvider hashedSecrets(RegisteredClientRepository clients,
                                                                    AuthorizationStore authorizations) {
        ClientSecretAuthenticationProvider provider = new ClientSecretAuthenticationProvider(clients, authorizations);
        provider.setPasswordEncoder(new HashedSecretEncoder());
        return provider;
    }
}
