package io.webpaas.server.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON calls to the running server's {@code /api/v1}, as a script would make them. */
public record ApiCalls(URI server) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static ApiCalls onPort(int port) {
        return new ApiCalls(URI.create("http://127.0.0.1:" + port));
    }

    public record Response(int status, JsonNode body) {
        public String error() {
            return body.path("error_description").asString();
        }
    }

    public Response get(String token, String path) {
        return send(token, "GET", path, null);
    }

    public Response post(String token, String path, Object body) {
        return send(token, "POST", path, JsonMapper.shared().writeValueAsString(body));
    }

    public Response put(String token, String path, Object body) {
        return send(token, "PUT", path, JsonMapper.shared().writeValueAsString(body));
    }

    public Response delete(String token, String path) {
        return send(token, "DELETE", path, null);
    }

    /** {@code json} is sent as it is, so tests can send broken bodies too. */
    public Response send(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JsonMapper.shared().missingNode()
                    : JsonMapper.shared().readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
