package io.webpaas.cli.auth;

import io.webpaas.cli.api.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The auth service's OAuth2 endpoints as the public client {@code webpaas-cli} uses them:
 * authorization code with S256 PKCE, device code, {@code api_token}, refresh, revocation,
 * and the introspection document ({@code POST /oauth2/tokens}, the token in the body). Logins ask for the
 * {@code offline_access} scope, without which the server gives no refresh token.
 */
public final class OAuthClient {
    public static final String CLIENT_ID = "webpaas-cli";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String SCOPE = "offline_access";

    private final ApiClient api;

    public OAuthClient(ApiClient api) {
        this.api = api;
    }

    public String authorizationUrl(String redirectUri, Pkce pkce, String state) {
        return api.baseUrl() + "/oauth2/authorize?" + ApiClient.form(ordered(
                "response_type", "code", "client_id", CLIENT_ID, "redirect_uri", redirectUri, "scope", SCOPE,
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256", "state", state));
    }

    public TokenResponse exchangeCode(String code, String redirectUri, Pkce pkce) {
        return token(ordered("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", pkce.verifier()));
    }

    public DeviceAuthorization authorizeDevice() {
        return api.postForm("/oauth2/device_authorization", Map.of("client_id", CLIENT_ID, "scope", SCOPE),
                DeviceAuthorization.class);
    }

    /** One poll; an {@link io.webpaas.cli.api.ApiException} says {@code authorization_pending} until approval. */
    public TokenResponse pollDevice(String deviceCode) {
        return token(ordered("grant_type", DEVICE_GRANT, "device_code", deviceCode));
    }

    public TokenResponse exchangeApiToken(String apiToken) {
        return token(ordered("grant_type", "api_token", "api_token", apiToken));
    }

    public TokenResponse refresh(String refreshToken) {
        return token(ordered("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public void revoke(String token, String hint) {
        api.postForm("/oauth2/revoke", ordered("client_id", CLIENT_ID, "token", token, "token_type_hint", hint),
                Void.class);
    }

    public Introspection introspect(String accessToken) {
        return api.postForm("/oauth2/tokens", Map.of("token", accessToken), Introspection.class);
    }

    private TokenResponse token(Map<String, String> form) {
        Map<String, String> request = new LinkedHashMap<>(form);
        request.put("client_id", CLIENT_ID);
        return api.postForm("/oauth2/token", request, TokenResponse.class);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
