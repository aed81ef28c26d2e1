package io.webpaas.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code grant_type=api_token}: a script trades an API token (form field {@code api_token})
 * for an access token and a refresh token. See {@link ApiTokenGrantProvider}.
 */
public final class ApiTokenGrant {
    public static final AuthorizationGrantType TYPE = new AuthorizationGrantType("api_token");
    public static final String PARAMETER = "api_token";

    private ApiTokenGrant() {
    }

    /** The token request, once the client is authenticated. */
    static final class Request extends OAuth2AuthorizationGrantAuthenticationToken {
        private final String apiToken;
        private final String clientAddress;

        Request(String apiToken, Authentication client, String clientAddress, Map<String, Object> additional) {
            super(TYPE, client, additional);
            this.apiToken = apiToken;
            this.clientAddress = clientAddress;
        }

        String apiToken() {
            return apiToken;
        }

        String clientAddress() {
            return clientAddress;
        }
    }

    static final class Converter implements AuthenticationConverter {
        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
                return null;
            }
            String[] values = request.getParameterValues(PARAMETER);
            if (values == null || values.length != 1 || values[0].isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "give exactly one api_token", null));
            }
            Map<String, Object> additional = new HashMap<>();
            request.getParameterMap().forEach((name, value) -> {
                if (!name.equals(PARAMETER) && !name.equals(OAuth2ParameterNames.GRANT_TYPE)
                        && !name.equals(OAuth2ParameterNames.CLIENT_ID)) {
                    additional.put(name, value[0]);
                }
            });
            Authentication client = SecurityContextHolder.getContext().getAuthentication();
            return new Request(values[0], client, request.getRemoteAddr(), additional);
        }
    }
}
