package io.webpaas.server.certifier;

import io.webpaas.server.support.ApiClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The Certifier's endpoints over real HTTP. */
final class CertifierHttp {
    private final ApiClient api;

    CertifierHttp(ApiClient api) {
        this.api = api;
    }

    List<String> userAuthorities() {
        return authorities("/ssh/authority");
    }

    List<String> hostAuthorities() {
        return authorities("/ssh/host-authority");
    }

    /** {@code POST /ssh}: a String body is sent as it is, anything else as JSON. */
    ApiClient.Response request(String accessToken, Object body) {
        return api.post("/ssh", accessToken, body);
    }

    /** {@code POST /ssh} with the body sent in chunks, without a Content-Length, as streaming clients do. */
    ApiClient.Response requestChunked(String accessToken, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return api.send(api.request("/ssh", accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    /** The certificate line of a successful {@code POST /ssh}; fails on any other answer. */
    String certificate(String accessToken, String publicKey) {
        ApiClient.Response response = request(accessToken, Map.of("key", publicKey));
        if (response.status() != 200) {
            throw new AssertionError("POST /ssh answered " + response);
        }
        return response.json().path("certificate").asString();
    }

    ApiClient.Response rotateUserAuthority(String accessToken) {
        return api.post("/api/v1/admin/ssh-authorities/user/rotate", accessToken, "");
    }

    void revoke(String accessToken) {
        ApiClient.Response response = api.postForm("/oauth2/revoke",
                Map.of("client_id", "webpaas-cli", "token_type_hint", "access_token", "token", accessToken));
        if (response.status() != 200) {
            throw new AssertionError("revocation answered " + response);
        }
    }

    private List<String> authorities(String path) {
        ApiClient.Response response = api.get(path, null);
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response);
        }
        return response.json().path("authorities").valueStream().map(node -> node.asString()).toList();
    }
}
