package io.webpaas.server.certifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to a running server's Certifier endpoints. */
final class CertifierHttp {
    private final URI server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.shared();

    CertifierHttp(int port) {
        this.server = URI.create("http://127.0.0.1:" + port);
    }

    List<String> userAuthorities() throws IOException, InterruptedException {
        return authorities("/ssh/authority");
    }

    List<String> hostAuthorities() throws IOException, InterruptedException {
        return authorities("/ssh/host-authority");
    }

    /** {@code POST /ssh} with a raw body; {@code accessToken} may be null for no Authorization header. */
    HttpResponse<String> requestCertificate(String accessToken, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/ssh"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> requestCertificate(String accessToken, Map<String, String> body)
            throws IOException, InterruptedException {
        return requestCertificate(accessToken, json.writeValueAsString(body));
    }

    /** The certificate line of a successful {@code POST /ssh}; fails on any other answer. */
    String certificate(String accessToken, String publicKey) throws IOException, InterruptedException {
        HttpResponse<String> response = requestCertificate(accessToken, Map.of("key", publicKey));
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /ssh answered " + response.statusCode() + ": " + response.body());
        }
        return (String) read(response).get("certificate");
    }

    HttpResponse<String> rotateUserAuthority(String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.resolve("/api/v1/admin/ssh-authorities/user/rotate"))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Object> read(HttpResponse<String> response) {
        return json.readValue(response.body(), new TypeReference<>() {});
    }

    private List<String> authorities(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readValue(response.body(), AuthorityList.class).authorities();
    }
}
