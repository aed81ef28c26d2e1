package io.webpaas.server.auth;

import io.webpaas.server.config.WebpaasProperties;
import jakarta.servlet.SessionCookieConfig;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The filter chains besides the authorization server's ({@link AuthorizationServerConfig}):
 * <ol>
 * <li>{@code /ssh/**} and {@code GET /oauth2/tokens/{token}}, before even the authorization
 *     server's: open and stateless, because the endpoint checks the token it is given itself;</li>
 * <li>{@code /api/v1/**}: stateless bearer tokens, checked through the {@link TokenIntrospector};</li>
 * <li>{@code /internal/**}: the internal API for other roles (the gateway), the {@link InternalClient}'s
 *     credentials only;</li>
 * <li>everything else: the browser, with a session, form login and CSRF protection.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {
    static final String SESSION_COOKIE = "JSESSIONID";
    /*
     * No form-action: Chrome applies it to the redirects after a form, and the login's last
     * redirect goes to the CLI's loopback address.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, CallerIntrospector callers, ApiAuthErrors errors) {
        http.securityMatcher("/api/v1/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .opaqueToken(opaque -> opaque.introspector(callers))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain internalChain(HttpSecurity http, InternalApiAuthentication internal) {
        http.securityMatcher("/internal/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().hasAuthority(InternalApiAuthentication.AUTHORITY))
                .authenticationManager(new ProviderManager(internal))
                .httpBasic(basic -> basic.authenticationEntryPoint(internal))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(internal))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * First of all chains, and as light as one can be: {@code POST /ssh} is the hot path (every
     * SSH login may ask for a certificate), and each filter a chain has costs every request.
     * Only the firewall and the security headers remain; no session, no security context, no
     * anonymous user, no authorization rule: there is nothing for them to decide.
     */
    @Bean
    @Order(0)
    SecurityFilterChain selfCheckingChain(HttpSecurity http) {
        http.securityMatcher("/ssh/**", "/oauth2/tokens/**")
                .securityContext(context -> context.disable())
                .sessionManagement(sessions -> sessions.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(exceptions -> exceptions.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain browserChain(HttpSecurity http, PasswordLogin passwordLogin, LoginFlow loginFlow) {
        http.authorizeHttpRequests(authorize -> authorize
                        // The TOTP page checks itself for a login awaiting its code.
                        .requestMatchers(LoginFlow.LOGIN_PAGE, LoginFlow.TOTP_PAGE, "/webpaas.css", "/console.js", "/error")
                        .permitAll()
                        .anyRequest().hasAuthority(LoginAuthentication.COMPLETE))
                .authenticationProvider(passwordLogin)
                .formLogin(form -> form
                        .loginPage(LoginFlow.LOGIN_PAGE)
                        .successHandler(loginFlow::passwordAccepted)
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler(LoginFlow.LOGIN_PAGE + "?error")))
                .logout(logout -> logout.logoutSuccessUrl(LoginFlow.LOGIN_PAGE + "?logout").deleteCookies(SESSION_COOKIE))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(loginFlow::signIn)
                        .accessDeniedHandler(loginFlow::continueLogin))
                .headers(headers -> headers
                        // Pages load only their own stylesheet and script: no inline script can run.
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()));
        return http.build();
    }

    /** The session cookie is Secure whenever the public URL is HTTPS (HttpOnly, SameSite=Lax in application.yml). */
    @Bean
    ServletContextInitializer secureSessionCookie(WebpaasProperties properties) {
        return context -> {
            SessionCookieConfig cookie = context.getSessionCookieConfig();
            cookie.setSecure(properties.publicUrl().startsWith("https://"));
        };
    }
}
