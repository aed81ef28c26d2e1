package io.webpaas.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.InternalClient;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.ApiClient.Response;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The gateway's key lookup on the auth service's internal API, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalKeysApiTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    InternalClient internalClient;
    @Autowired
    KeyRegistry registry;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    private ApiClient api;
    private OpenSsh keygen;
    private TestUser alice;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        keygen = new OpenSsh(dir);
        alice = new TestUsers(context).create();
    }

    @Test
    void refusesCallersWithoutTheInternalClientsCredentialsAndAuditsEachRefusal() {
        String[][] callers = {
                {null, "no client credentials"},
                {InternalClient.basicAuthorization(InternalClient.CLIENT_ID, "not-the-secret"), "wrong client id or secret"},
                {InternalClient.basicAuthorization("webpaas-cli", internalClient.secret()), "wrong client id or secret"},
                {"Bearer " + alice.accessToken(), "no client credentials"},
                {"Basic %%%", "Failed to decode basic authentication token"}};
        for (String[] caller : callers) {
            String path = "/internal/v1/keys/" + UUID.randomUUID() + "/used";

            Response refused = api.send(authorized(path, caller[0]).POST(HttpRequest.BodyPublishers.noBody()));

            assertThat(refused.status()).as(caller[1]).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"webpaas-internal\"");
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_client");
            assertThat(audit.find("internal.auth", null, null, 0, 50))
                    .filteredOn(event -> path.equals(event.detail().get("path"))).singleElement()
                    .satisfies(event -> {
                        assertThat(event.outcome()).isEqualTo("failure");
                        assertThat(event.detail()).containsEntry("reason", caller[1]);
                    });
        }
    }

    @Test
    void listsEveryRegistrationOfAKeyAndNothingForAnUnknownOne() {
        String projectId = new DirectoryFixture(context).project(alice.user()).project().id();
        Path keyFile = keygen.newKey("shared");
        NewKey key = new NewKey("shared", keygen.publicKey(keyFile));
        SshKey account = registry.addAccountKey(DirectoryFixture.actor(alice.user()), key);
        SshKey project = registry.addProjectKey(DirectoryFixture.actor(alice.user()), projectId, key);

        Response found = lookup(keygen.fingerprint(keyFile, "sha256"));

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("keys").valueStream().map(registration -> registration.path("id").asString()
                + " " + registration.path("user_uuid").asString(null) + " " + registration.path("project_id").asString(null)))
                .containsExactlyInAnyOrder(account.id() + " " + alice.user().uuid() + " null",
                        project.id() + " null " + projectId);
        Response unknown = lookup(keygen.fingerprint(keygen.newKey("unknown"), "sha256"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("keys")).isEmpty();
        Response missing = api.send(authorized("/internal/v1/keys", internalClient.basicAuthorization()).GET());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error_description").asString()).startsWith("fingerprint is required");
    }

    @Test
    void recordsAUseAsLastUsedAndAnswers404ForADeletedKey() {
        SshKey key = registry.addAccountKey(DirectoryFixture.actor(alice.user()),
                new NewKey("laptop", keygen.publicKey(keygen.newKey("laptop"))));
        String used = "/internal/v1/keys/" + key.id() + "/used";

        assertThat(post(used).status()).isEqualTo(204);
        assertThat(registry.accountKeys(alice.user().uuid()).getFirst().lastUsedAt()).isNotNull();

        registry.deleteAccountKey(DirectoryFixture.actor(alice.user()), key.id());
        Response gone = post(used);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").asString()).isEqualTo("not_found");
        AuditEvent refusal = audit.find("key.used", null, null, 0, 50).stream()
                .filter(event -> key.id().equals(event.detail().get("key_id"))).findFirst().orElseThrow();
        assertThat(refusal.outcome()).isEqualTo("failure");
    }

    private Response lookup(String fingerprint) {
        return api.send(authorized("/internal/v1/keys?fingerprint=" + URLEncoder.encode(fingerprint,
                StandardCharsets.UTF_8), internalClient.basicAuthorization()).GET());
    }

    private Response post(String path) {
        return api.send(authorized(path, internalClient.basicAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder authorized(String path, String authorization) {
        HttpRequest.Builder request = api.request(path, null);
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
