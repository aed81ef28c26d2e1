package io.webpaas.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/audit}: one's own events, a project's events for its admins, newest first, in pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiTest {
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    ApiClient api;
    TestUsers users;
    DirectoryFixture directory;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        users = new TestUsers(context);
        directory = new DirectoryFixture(context);
    }

    @Test
    void usersReadTheirOwnEventsAndAdminsTheirProjectsNewestFirst() {
        TestUser alice = users.create();
        String project = directory.project(alice.user()).project().id();
        String login = users.logIn(alice);
        for (int i = 0; i < AuditSearch.PAGE_SIZE; i++) {
            api.post("/api/v1/tokens", login, Map.of("name", "t" + i));
        }

        JsonNode first = api.get("/api/v1/audit?type=api_token.created", alice.accessToken()).json();
        List<String> names = first.path("events").valueStream().map(e -> e.path("detail").path("name").asString()).toList();
        assertThat(names).hasSize(AuditSearch.PAGE_SIZE).startsWith("t24", "t23");
        assertThat(first.path("events").get(0).path("user_uuid").asString()).isEqualTo(alice.user().uuid().toString());
        assertThat(first.path("next_page").asInt()).isEqualTo(1);
        JsonNode second = api.get("/api/v1/audit?type=api_token.created&page=1", alice.accessToken()).json();
        assertThat(second.path("events").valueStream().map(e -> e.path("detail").path("name").asString()))
                .contains("test");
        assertThat(second.path("next_page").isNull()).isTrue();

        assertThat(api.get("/api/v1/audit?project=" + project, alice.accessToken()).json().path("events")
                .valueStream().map(e -> e.path("type").asString())).contains("project.create");

        TestUser bob = users.create();
        ApiClient.Response foreign = api.get("/api/v1/audit?project=" + project, bob.accessToken());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("error").asString()).isEqualTo("not_found");
        ApiClient.Response others = api.get("/api/v1/audit?user=" + alice.username(), bob.accessToken());
        assertThat(others.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", bob.accessToken()).json().path("events").valueStream()
                .map(e -> e.path("user_uuid").asString())).containsOnly(bob.user().uuid().toString());
    }
}
