package io.webpaas.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Exchanges an API token for an access token ({@code grant_type=api_token}), as the CLI does. */
final class AccessTokens {
    private AccessTokens() {
    }

    static String exchange(URI server, String apiToken) throws IOException, InterruptedException {
        String form = "grant_type=api_token&client_id=webpaas-cli&api_token="
                + URLEncoder.encode(apiToken, StandardCharsets.UTF_8);
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(server.resolve("/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
        JsonNode body = JsonMapper.shared().readTree(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IOException("cannot exchange the API token at " + server + "/oauth2/token: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return body.get("access_token").asString();
    }
}
