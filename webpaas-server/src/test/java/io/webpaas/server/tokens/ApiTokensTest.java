package io.webpaas.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/tokens}: create shows the secret once, list, revoke. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokensTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    TestUsers users;
    ApiClient api;

    @BeforeEach
    void setUp() {
        users = new TestUsers(context);
        api = new ApiClient(port);
    }

    @Test
    void listShowsTokensWithoutSecrets() {
        TestUser alice = users.create();
        JsonNode created = api.post("/api/v1/tokens", users.logIn(alice), Map.of("name", "deploy bot")).json();

        ApiClient.Response listed = api.get("/api/v1/tokens", alice.accessToken());

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).hasSize(2);
        JsonNode deploy = listed.json().get(1);
        assertThat(deploy.path("id").asString()).isEqualTo(created.path("id").asString());
        assertThat(deploy.path("name").asString()).isEqualTo("deploy bot");
        assertThat(deploy.path("created_at").asString()).isNotBlank();
        assertThat(deploy.has("last_used_at")).isFalse();
        assertThat(listed.json().get(0).path("last_used_at").asString()).as("the exchanged token was used").isNotBlank();
        assertThat(listed.body()).doesNotContain(created.path("secret").asString()).doesNotContain("secret");
        assertThat(api.get("/api/v1/tokens", users.create().accessToken()).json()).hasSize(1);
    }

    @Test
    void revokedTokenCannotBeExchangedAndItsSessionsEnd() {
        TestUser alice = users.create();
        UUID id = UUID.fromString(api.get("/api/v1/tokens", alice.accessToken()).json().get(0).path("id").asString());
        TestUser bob = users.create();

        assertThat(api.delete("/api/v1/tokens/" + id, bob.accessToken()).status()).as("not bob's").isEqualTo(404);
        ApiClient.Response revoked = api.delete("/api/v1/tokens/" + id, alice.accessToken());
        assertThat(revoked.status()).isEqualTo(204);

        ApiClient.Response exchange = api.postForm("/oauth2/token",
                Map.of("grant_type", "api_token", "client_id", "webpaas-cli", "api_token", alice.apiToken()));
        assertThat(exchange.status()).isEqualTo(400);
        assertThat(exchange.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(api.get("/oauth2/tokens/" + alice.accessToken(), null).body()).isEqualTo("{\"active\":false}");
        ApiClient.Response refresh = api.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", "webpaas-cli", "refresh_token", alice.refreshToken()));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/tokens/" + id, bob.accessToken()).json().path("error").asString())
                .isEqualTo("not_found");

        assertThat(audit.find("api_token.revoked", alice.user().uuid(), null, 0, 10))
                .extracting(AuditEvent::outcome).containsExactly("success");
        assertThat(audit.find("api_token.exchanged", alice.user().uuid(), null, 0, 10))
                .extracting(AuditEvent::outcome).contains("success");
        assertThat(audit.find("api_token.created", alice.user().uuid(), null, 0, 10)).hasSize(1);
    }

    /** A stolen API token must not outlive its revocation through a token it made, or own the account's MFA. */
    @Test
    void aTokenFromAnApiTokenCannotMakeTokensOrChangeMfa() {
        TestUser alice = users.create();

        ApiClient.Response created = api.post("/api/v1/tokens", alice.accessToken(), Map.of("name", "spare"));
        assertThat(created.status()).isEqualTo(403);
        assertThat(created.json().path("error_description").asString()).contains("webpaas login");
        assertThat(api.post("/api/v1/me/totp", alice.accessToken(), "{}").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/me/totp/confirm", alice.accessToken(), Map.of("code", "123456")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/tokens", alice.accessToken()).json()).hasSize(1);
        assertThat(audit.find(null, alice.user().uuid(), null, 0, 20)).filteredOn(e -> e.outcome().equals("failure"))
                .extracting(AuditEvent::type).contains("api_token.created", "totp.enrolled", "totp.enabled");

        // a login may
        assertThat(api.post("/api/v1/tokens", users.logIn(alice), Map.of("name", "spare")).status()).isEqualTo(201);
    }

    /** An exchange under way while its token is revoked saves its session after the revocation ended the others. */
    @Test
    void aSessionSavedAfterItsTokenWasRevokedEndsToo() {
        TestUser alice = users.create();
        // the state that race leaves: the token revoked, a session it opened still marked valid
        jdbc.sql("UPDATE api_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE user_uuid = ?")
                .param(alice.user().uuid().toString()).update();

        assertThat(api.get("/oauth2/tokens/" + alice.accessToken(), null).body()).isEqualTo("{\"active\":false}");
        assertThat(api.get("/api/v1/me", alice.accessToken()).status()).isEqualTo(401);
        ApiClient.Response refresh = api.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "client_id", "webpaas-cli", "refresh_token", alice.refreshToken()));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void badRequestsAreClearErrors() {
        TestUser alice = users.create();

        ApiClient.Response noName = api.post("/api/v1/tokens", users.logIn(alice), Map.of("name", "  "));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("error").asString()).isEqualTo("invalid_request");
        assertThat(noName.json().path("error_description").asString()).contains("name");

        ApiClient.Response anonymous = api.get("/api/v1/tokens", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asString()).isEqualTo("unauthorized");
        ApiClient.Response badToken = api.get("/api/v1/tokens", "not-a-token");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.json().path("error").asString()).isEqualTo("invalid_token");
        assertThat(badToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(api.delete("/api/v1/tokens/not-a-uuid", alice.accessToken()).status()).isEqualTo(404);
    }
}
