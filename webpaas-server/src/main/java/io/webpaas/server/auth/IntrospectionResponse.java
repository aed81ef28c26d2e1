package io.webpaas.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 7662 {@code POST /oauth2/introspect} answers with the same document as
 * {@code GET /oauth2/tokens/{token}}, so a remote Certifier sees what a local one sees.
 * Refresh tokens are not SSH identities: they answer {@code {"active": false}}.
 */
@Component
class IntrospectionResponse implements AuthenticationSuccessHandler {
    private final LocalTokenIntrospector introspector;
    private final JsonMapper json;

    IntrospectionResponse(LocalTokenIntrospector introspector, JsonMapper json) {
        this.introspector = introspector;
        this.json = json;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2TokenIntrospectionAuthenticationToken introspection = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        Introspection document = introspection.getTokenClaims().isActive()
                ? introspector.introspect(introspection.getToken())
                : Introspection.inactive();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), document);
    }
}
