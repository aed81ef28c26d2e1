package io.webpaas.server.directory;

import io.webpaas.server.support.DirectoryFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.audit.Actor;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.ApiClient.Response;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The directory's REST API over real HTTP with real access tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectsApiTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Users users;
    @Autowired
    Organizations organizations;
    @Autowired
    ProjectAdministration administration;
    @Autowired
    WebpaasProperties properties;
    @Autowired
    AuditLog audit;

    ApiClient api;
    TestUsers testUsers;
    DirectoryFixture fixture;
    TestUser alice;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testUsers = new TestUsers(context);
        fixture = new DirectoryFixture(users, organizations, administration);
        alice = testUsers.create();
    }

    @Test
    void meDescribesTheTokensUser() {
        Response me = api.get("/api/v1/me", alice.accessToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(alice.username());
        assertThat(me.json().path("uuid").asString()).isEqualTo(alice.user().uuid().toString());
        assertThat(me.json().path("email").asString()).isEqualTo(alice.user().email());
        assertThat(me.json().path("totp_enabled").asBoolean()).isFalse();
        assertThat(me.json().path("amr").toString()).contains("api_token");
        assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void projectsAreVisibleOnlyToTheirMembers() {
        String projectId = fixture.project(alice.user()).project().id();
        TestUser stranger = testUsers.create();

        Response mine = api.get("/api/v1/projects", alice.accessToken());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json()).singleElement().satisfies(project -> {
            assertThat(project.path("id").asString()).isEqualTo(projectId);
            assertThat(project.path("role").asString()).isEqualTo("admin");
            assertThat(project.path("default_environment").asString()).isEqualTo("main");
            assertThat(project.path("ssh_url").asString()).isEqualTo(sshUrl(projectId));
            assertThat(project.path("mfa_required").asBoolean()).isFalse();
        });
        assertThat(api.get("/api/v1/projects/" + projectId, alice.accessToken()).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/projects", stranger.accessToken()).json()).isEmpty();
        for (String path : List.of("", "/environments", "/environments/main/apps", "/members", "/keys")) {
            Response theirs = api.get("/api/v1/projects/" + projectId + path, stranger.accessToken());
            Response missing = api.get("/api/v1/projects/" + ProjectIds.next() + path, stranger.accessToken());
            assertThat(theirs.status()).as(path).isEqualTo(404);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(theirs.json().path("error").asString()).isEqualTo(missing.json().path("error").asString())
                    .isEqualTo("not_found");
        }
    }

    @Test
    void aProjectSaysWhenItsOrganizationRequiresMfaOverSsh() {
        String projectId = fixture.project(alice.user(), new DirectoryFixture.AppHost(true, "127.0.0.1", 2022))
                .project().id();

        Response project = api.get("/api/v1/projects/" + projectId, alice.accessToken());

        assertThat(project.json().path("mfa_required").asBoolean()).isTrue();
    }

    @Test
    void listsEnvironmentsAndAppsWithTheirSshAddresses() {
        String projectId = fixture.project(alice.user()).project().id();

        Response environments = api.get("/api/v1/projects/" + projectId + "/environments", alice.accessToken());
        assertThat(environments.json()).singleElement().satisfies(main -> {
            assertThat(main.path("machine_name").asString()).isEqualTo("main");
            assertThat(main.path("type").asString()).isEqualTo("production");
            assertThat(main.path("active").asBoolean()).isTrue();
            assertThat(main.path("default_app").asString()).isEqualTo("app");
        });
        Response apps = api.get("/api/v1/projects/" + projectId + "/environments/main/apps", alice.accessToken());
        assertThat(apps.json()).singleElement().satisfies(app -> {
            String username = projectId + "-main--app";
            assertThat(app.path("ssh_username").asString()).isEqualTo(username);
            assertThat(app.path("ssh_url").asString())
                    .isEqualTo("ssh://" + username + "@" + properties.sshHost() + ":" + properties.sshPort());
            assertThat(app.path("ssh_destination").asString()).isEqualTo(username + "@" + properties.sshHost());
            assertThat(app.path("is_default").asBoolean()).isTrue();
            assertThat(app.path("mounts").toString()).isEqualTo("[\"web/uploads\"]");
        });
        Response unknown = api.get("/api/v1/projects/" + projectId + "/environments/staging/apps", alice.accessToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error_description").asString()).contains("no environment 'staging'");
    }

    @Test
    void organizationAdminsCreateProjectsAndProjectAdminsBuildThem() {
        fixture.organization(alice.user());
        TestUser bob = testUsers.create();

        Response created = api.post("/api/v1/projects", alice.accessToken(), Map.of("title", "Shop"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String projectId = created.json().path("id").asString();
        assertThat(projectId).matches("[a-z2-7]{13}");
        assertThat(created.json().path("region").asString()).isEqualTo(properties.region());

        Response environment = api.post("/api/v1/projects/" + projectId + "/environments", alice.accessToken(),
                Map.of("name", "Staging", "type", "staging"));
        assertThat(environment.status()).as(environment.body()).isEqualTo(201);
        assertThat(environment.json().path("machine_name").asString()).isEqualTo("staging");

        Response app = api.post("/api/v1/projects/" + projectId + "/environments/staging/apps", alice.accessToken(),
                Map.of("name", "api", "mounts", List.of("var"), "runtime_host", "10.0.0.9", "runtime_port", 2022,
                        "relationships", Map.of("database", Map.of("scheme", "pgsql", "host", "10.0.0.5", "port", 5432,
                                "password", "s3cret"))));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        assertThat(app.json().path("ssh_username").asString()).isEqualTo(projectId + "-staging--api");
        assertThat(app.json().path("relationships").toString()).isEqualTo("[\"database\"]").doesNotContain("s3cret");

        Response member = put("/api/v1/projects/" + projectId + "/members/" + bob.username(), alice.accessToken(),
                "{\"role\": \"contributor\"}");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(member.json().path("role").asString()).isEqualTo("contributor");
        assertThat(api.get("/api/v1/projects", bob.accessToken()).json()).singleElement()
                .satisfies(project -> assertThat(project.path("role").asString()).isEqualTo("contributor"));
        Response members = api.get("/api/v1/projects/" + projectId + "/members", bob.accessToken());
        assertThat(members.json()).extracting(m -> m.path("username").asString())
                .containsExactlyInAnyOrder(alice.username(), bob.username());

        assertThat(api.delete("/api/v1/projects/" + projectId + "/members/" + bob.username(), alice.accessToken())
                .status()).isEqualTo(204);
        assertThat(api.get("/api/v1/projects/" + projectId, bob.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void viewersAndContributorsCannotChangeTheProject() {
        String projectId = fixture.project(alice.user()).project().id();
        TestUser viewer = testUsers.create();
        TestUser contributor = testUsers.create();
        Actor admin = DirectoryFixture.actor(alice.user());
        administration.setMember(admin, projectId, viewer.username(), "viewer");
        administration.setMember(admin, projectId, contributor.username(), "contributor");

        for (TestUser member : List.of(viewer, contributor)) {
            String token = member.accessToken();
            List<Response> refused = List.of(
                    api.post("/api/v1/projects/" + projectId + "/environments", token, Map.of("name", "dev")),
                    api.post("/api/v1/projects/" + projectId + "/environments/main/apps", token,
                            Map.of("name", "api", "runtime_host", "127.0.0.1", "runtime_port", 2022)),
                    put("/api/v1/projects/" + projectId + "/members/" + member.username(), token,
                            "{\"role\":\"admin\"}"),
                    api.delete("/api/v1/projects/" + projectId + "/members/" + alice.username(), token),
                    api.post("/api/v1/projects", token, Map.of("title", "Mine")));
            assertThat(refused).allSatisfy(response -> {
                assertThat(response.status()).as(response.body()).isEqualTo(403);
                assertThat(response.json().path("error").asString()).isEqualTo("forbidden");
            });
            assertThat(refused.getFirst().json().path("error_description").asString())
                    .contains("your role is " + (member == viewer ? "viewer" : "contributor"));
        }
        assertThat(api.get("/api/v1/projects/" + projectId + "/environments", alice.accessToken()).json()).hasSize(1);
    }

    @Test
    void badInputIsA400SayingWhatToFix() {
        fixture.organization(alice.user());
        String projectId = fixture.project(alice.user()).project().id();
        String token = alice.accessToken();
        String environments = "/api/v1/projects/" + projectId + "/environments";

        assertBadRequest(api.post("/api/v1/projects", token, Map.of("title", "  ")), "organization is required");
        assertBadRequest(api.post(environments, token, "{\"name\": "), "must be a JSON object");
        assertBadRequest(api.post(environments, token, Map.of("name", "x", "machine_name", "Feature_1")),
                "machine_name 'Feature_1' must be lowercase letters, digits and single hyphens");
        assertBadRequest(api.post(environments, token, Map.of()), "name is required");
        assertBadRequest(api.post(environments + "/main/apps", token, Map.of("name", "api", "runtime_host", "h")),
                "runtime_port is required");
        assertBadRequest(api.post(environments + "/main/apps", token, Map.of("name", "api", "runtime_host", "h",
                "runtime_port", 2022, "mounts", List.of("uploads", "uploads/x/link"))),
                "'uploads/x/link' is inside mount 'uploads'; mounts cannot be nested");
        assertBadRequest(put("/api/v1/projects/" + projectId + "/members/" + alice.username(), token,
                "{\"role\": \"owner\"}"), "use admin, contributor or viewer");
        assertThat(api.post(environments, token, Map.of("name", "main")).status()).isEqualTo(409);
        assertThat(audit.find("api.request", alice.user().uuid(), null, 0, 1)).singleElement()
                .satisfies(event -> assertThat(event.detail()).containsEntry("path", environments)
                        .containsEntry("status", 400));
    }

    private void assertBadRequest(Response response, String description) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.path("error").asString()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asString()).contains(description);
    }

    private Response put(String path, String token, String json) {
        return api.send(api.request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String sshUrl(String projectId) {
        return "ssh://" + projectId + "@" + properties.sshHost() + ":" + properties.sshPort();
    }
}
