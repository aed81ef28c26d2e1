package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Audits the token and revocation endpoints around Spring's own responses: every token
 * issued ({@code oauth2.token}, with the user it stands for), every grant refused, every
 * revocation ({@code oauth2.revoke}).
 */
@Component
class TokenEndpointAudit {
    private final AuditLog audit;
    private final LocalTokenIntrospector introspector;
    private final OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
            new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    private final OAuth2ErrorAuthenticationFailureHandler errorResponse = new OAuth2ErrorAuthenticationFailureHandler();

    TokenEndpointAudit(AuditLog audit, LocalTokenIntrospector introspector) {
        this.audit = audit;
        this.introspector = introspector;
    }

    void tokenIssued(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) authentication;
        Introspection token = introspector.introspect(issued.getAccessToken().getTokenValue());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("client_id", issued.getRegisteredClient().getClientId());
        detail.put("grant_type", token.grantType());
        detail.put("jti", token.jti());
        detail.put("amr", token.amr());
        audit.record(AuditEvent.success("oauth2.token", token.userUuid(), null, request.getRemoteAddr(), detail));
        tokenResponse.onAuthenticationSuccess(request, response, authentication);
    }

    void tokenRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        refused("oauth2.token", request, failure);
        errorResponse.onAuthenticationFailure(request, response, failure);
    }

    void tokenRevoked(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        OAuth2TokenRevocationAuthenticationToken revoked = (OAuth2TokenRevocationAuthenticationToken) authentication;
        audit.record(AuditEvent.success("oauth2.revoke", null, null, request.getRemoteAddr(),
                Map.of("token_sha256", TokenHash.sha256(revoked.getToken()))));
        response.setStatus(HttpServletResponse.SC_OK);
    }

    void revocationRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        refused("oauth2.revoke", request, failure);
        errorResponse.onAuthenticationFailure(request, response, failure);
    }

    private void refused(String type, HttpServletRequest request, AuthenticationException failure) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("grant_type", String.valueOf(request.getParameter(OAuth2ParameterNames.GRANT_TYPE)));
        detail.put("client_id", String.valueOf(request.getParameter(OAuth2ParameterNames.CLIENT_ID)));
        detail.put("error", failure instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode() : failure.getMessage());
        audit.record(AuditEvent.failure(type, null, null, request.getRemoteAddr(), detail));
    }
}
