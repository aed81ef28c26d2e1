package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call the auth service's internal API ({@code /internal/v1/**}): the {@link InternalClient}
 * only, with HTTP Basic credentials form-encoded as for the token endpoint. Every refusal, with
 * or without credentials, is a JSON 401 and an {@code internal.auth} audit event.
 */
@Component
class InternalApiAuthentication implements AuthenticationProvider, AuthenticationEntryPoint {
    static final String AUTHORITY = "internal_client";

    private final InternalClient client;
    private final JsonMapper json;
    private final AuditLog audit;

    InternalApiAuthentication(InternalClient client, JsonMapper json, AuditLog audit) {
        this.client = client;
        this.json = json;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        String clientId = decode(presented.getName());
        String secret = presented.getCredentials() == null ? null : decode(presented.getCredentials().toString());
        if (!client.authenticates(clientId, secret)) {
            throw new BadCredentialsException("wrong client id or secret");
        }
        return UsernamePasswordAuthenticationToken.authenticated(InternalClient.CLIENT_ID, null,
                List.of(new SimpleGrantedAuthority(AUTHORITY)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String reason = failure instanceof BadCredentialsException ? failure.getMessage()
                : "no client credentials";
        audit.record(AuditEvent.failure("internal.auth", null, null, request.getRemoteAddr(),
                Map.of("path", request.getRequestURI(), "reason", reason)));
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"webpaas-internal\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new ErrorBody("invalid_client",
                "the internal API needs the " + InternalClient.CLIENT_ID + " client's credentials (HTTP Basic)"));
    }

    /** A malformed encoding is simply a wrong credential. */
    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("malformed client credentials");
        }
    }
}
