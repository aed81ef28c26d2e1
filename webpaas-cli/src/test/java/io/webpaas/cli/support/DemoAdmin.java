package io.webpaas.cli.support;

import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.auth.TokenResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo admin through the API (its API token): makes the projects, environments and apps a
 * test needs, unique to the test, with apps on the test server's runtime.
 */
public final class DemoAdmin {
    private final TestServer server;
    private final ApiClient api;

    public DemoAdmin(TestServer server) {
        this.server = server;
        ApiClient anonymous = new ApiClient(server.apiUrl());
        TokenResponse tokens = anonymous.postForm("/oauth2/token", Map.of("grant_type", "api_token",
                "client_id", "webpaas-cli", "api_token", server.demoApiToken()), TokenResponse.class);
        this.api = anonymous.withBearer(tokens::accessToken);
    }

    /** A new project (environment {@code main}) titled {@code title}; returns its ID. */
    public String project(String title) {
        return api.post("/api/v1/projects", new NewProject(title), Created.class).id();
    }

    public void environment(String projectId, String machineName) {
        api.post("/api/v1/projects/" + projectId + "/environments", new NewEnvironment(machineName, machineName),
                Created.class);
    }

    /** An app on the test server's runtime; returns its SSH username. */
    public String app(String projectId, String environment, String name, Map<String, Map<String, Object>> relationships) {
        return api.post("/api/v1/projects/" + projectId + "/environments/" + environment + "/apps",
                new NewApp(name, List.of(), relationships, "127.0.0.1", server.runtimePort()), Created.class).sshUsername();
    }

    /** A name no other test uses, e.g. {@code t3f9a0c1d}. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    record NewProject(String title) {
    }

    record NewEnvironment(String name, String machineName) {
    }

    record NewApp(String name, List<String> mounts, Map<String, Map<String, Object>> relationships, String runtimeHost,
                  int runtimePort) {
    }

    record Created(String id, String sshUsername) {
    }
}
