package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 of {@code /api/v1} as JSON error documents, with RFC 6750's challenge. A
 * presented token that is not valid is audited; a request without one is not.
 */
@Component
class ApiAuthErrors implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final JsonMapper json;
    private final AuditLog audit;

    ApiAuthErrors(JsonMapper json, AuditLog audit) {
        this.json = json;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof InvalidBearerTokenException) {
            audit.record(AuditEvent.failure("api.auth", null, null, request.getRemoteAddr(),
                    Map.of("path", request.getRequestURI(), "reason", failure.getMessage())));
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED,
                    new ErrorBody("invalid_token", "the access token is unknown, expired or revoked"));
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(response, HttpServletResponse.SC_UNAUTHORIZED,
                    new ErrorBody("unauthorized", "an access token is required: Authorization: Bearer <token>"));
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, new ErrorBody("forbidden", denied.getMessage()));
    }

    private void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
