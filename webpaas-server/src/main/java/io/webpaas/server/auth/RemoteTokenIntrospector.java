package io.webpaas.server.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 7662 introspection at another authorization server (or another auth replica),
 * authenticated with the internal client's credentials. Used when
 * {@code webpaas.introspection-url} is set. An unreachable or failing server is an error,
 * not an inactive token: the caller should answer 5xx, not 401.
 */
public class RemoteTokenIntrospector implements TokenIntrospector {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final URI endpoint;
    private final String authorization;
    private final JsonMapper json;

    public RemoteTokenIntrospector(URI endpoint, String clientId, String clientSecret, JsonMapper json) {
        this.endpoint = endpoint;
        this.authorization = InternalClient.basicAuthorization(clientId, clientSecret);
        this.json = json;
    }

    @Override
    public Introspection introspect(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Introspection.inactive();
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + form(accessToken) + "&token_type_hint=access_token"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("introspection at " + endpoint + " answered " + response.statusCode());
            }
            Introspection introspection = json.readValue(response.body(), Introspection.class);
            return introspection.active() ? introspection : Introspection.inactive();
        } catch (IOException e) {
            throw new IllegalStateException("introspection at " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while introspecting at " + endpoint, e);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
