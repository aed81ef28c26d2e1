package io.webpaas.cli.directory;

import io.webpaas.cli.api.ApiClient;
import java.util.List;

/** The projects, environments and apps the logged-in user can see, from {@code /api/v1/projects}. */
public final class Directory {
    private final ApiClient api;

    public Directory(ApiClient api) {
        this.api = api;
    }

    public List<Project> projects() {
        return List.of(api.get("/api/v1/projects", Project[].class));
    }

    public List<Environment> environments(String projectId) {
        return List.of(api.get("/api/v1/projects/" + ApiClient.encode(projectId) + "/environments", Environment[].class));
    }

    public List<App> apps(String projectId, String environment) {
        return List.of(api.get("/api/v1/projects/" + ApiClient.encode(projectId) + "/environments/"
                + ApiClient.encode(environment) + "/apps", App[].class));
    }
}
