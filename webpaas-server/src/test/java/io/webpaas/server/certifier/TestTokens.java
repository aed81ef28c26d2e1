package io.webpaas.server.certifier;

import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.directory.User;
import io.webpaas.server.tokens.ApiTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real access tokens the way scripts get them: an API token (made under MFA when asked),
 * exchanged at {@code /oauth2/token} with {@code grant_type=api_token}.
 */
final class TestTokens {
    private final ApiTokens apiTokens;
    private final TokenIntrospector introspector;
    private final URI server;
    private final HttpClient http = HttpClient.newHttpClient();

    TestTokens(ApiTokens apiTokens, TokenIntrospector introspector, int port) {
        this.apiTokens = apiTokens;
        this.introspector = introspector;
        this.server = URI.create("http://127.0.0.1:" + port);
    }

    record Issued(String accessToken, String jti) {
    }

    /** @param mfaVerified when the user passed MFA, or {@code null} for a token without MFA */
    Issued issue(User user, Instant mfaVerified) throws IOException, InterruptedException {
        String apiToken = apiTokens.create(user.uuid(), "certifier test", mfaVerified, "127.0.0.1").secret();
        HttpResponse<String> response = post("/oauth2/token",
                "grant_type=api_token&client_id=webpaas-cli&api_token=" + form(apiToken));
        if (response.statusCode() != 200) {
            throw new AssertionError("token exchange answered " + response.statusCode() + ": " + response.body());
        }
        String accessToken = (String) JsonMapper.shared().readValue(response.body(),
                new TypeReference<Map<String, Object>>() {}).get("access_token");
        return new Issued(accessToken, introspector.introspect(accessToken).jti());
    }

    void revoke(String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/oauth2/revoke",
                "client_id=webpaas-cli&token_type_hint=access_token&token=" + form(accessToken));
        if (response.statusCode() != 200) {
            throw new AssertionError("revocation answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
