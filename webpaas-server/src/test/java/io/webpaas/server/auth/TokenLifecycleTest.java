package io.webpaas.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Refresh rotation, revocation, introspection (local, RFC 7662, remote) and storage at rest. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenLifecycleTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    InternalClient internalClient;
    @Autowired
    LocalTokenIntrospector local;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuthorizationStore store;
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
    void refreshTokenRotatesAndTheUsedOneIsRefused() {
        TestUser alice = users.create();

        ApiClient.Response refreshed = refresh(alice.refreshToken());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String newAccess = refreshed.json().path("access_token").asString();
        String newRefresh = refreshed.json().path("refresh_token").asString();
        assertThat(newRefresh).isNotBlank().isNotEqualTo(alice.refreshToken());
        JsonNode introspection = api.get("/oauth2/tokens/" + newAccess, null).json();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("grant_type").asString()).isEqualTo("refresh_token");
        assertThat(introspection.path("grant").asString()).isEqualTo("api_token");
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"api_token\"]");
        assertThat(introspection.path("scope").asString()).isEqualTo("offline_access");

        ApiClient.Response reused = refresh(alice.refreshToken());
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(refresh(newRefresh).status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenIsRedeemedOnceEvenByConcurrentRequests() {
        TestUser alice = users.create();
        OAuth2Authorization first = store.findByToken(alice.refreshToken(), OAuth2TokenType.REFRESH_TOKEN);
        OAuth2Authorization second = store.findByToken(alice.refreshToken(), OAuth2TokenType.REFRESH_TOKEN);

        store.save(OAuth2Authorization.from(first).invalidate(first.getRefreshToken().getToken()).build());

        assertThatThrownBy(() -> store.save(OAuth2Authorization.from(second).build()))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThat(refresh(alice.refreshToken()).status()).isEqualTo(400);
    }

    @Test
    void concurrentRefreshesWithOneTokenGiveOneNewToken() throws Exception {
        TestUser alice = users.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> refresh(alice.refreshToken()).status()));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).containsOnly(200, 400).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void authorizationsAreDeletedADayAfterTheirLastTokenExpired() {
        TestUser alice = users.create();
        RegisteredClient cli = context.getBean(RegisteredClientRepository.class).findByClientId(Clients.CLI);
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        OAuth2Authorization expired = OAuth2Authorization.withRegisteredClient(cli)
                .principalName(alice.user().uuid().toString())
                .authorizationGrantType(ApiTokenGrant.TYPE)
                .refreshToken(new OAuth2RefreshToken("expired-" + UUID.randomUUID(), longAgo, longAgo.plusSeconds(60)))
                .build();
        store.save(expired);

        store.deleteExpired();

        assertThat(store.findById(expired.getId())).isNull();
        assertThat(getIntrospection(alice.accessToken()).path("active").asBoolean()).as("live ones stay").isTrue();
    }

    @Test
    void revokedAccessTokenIsInactiveEverywhere() {
        TestUser alice = users.create();
        assertThat(getIntrospection(alice.accessToken()).path("active").asBoolean()).isTrue();
        assertThat(postIntrospection(alice.accessToken()).path("active").asBoolean()).isTrue();

        assertThat(revoke(alice.accessToken(), "access_token").status()).isEqualTo(200);

        assertThat(getIntrospection(alice.accessToken()).toString()).isEqualTo("{\"active\":false}");
        assertThat(postIntrospection(alice.accessToken()).toString()).isEqualTo("{\"active\":false}");
        assertThat(api.get("/api/v1/tokens", alice.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void revokedRefreshTokenCannotRefreshAndEndsItsAccessToken() {
        TestUser alice = users.create();

        assertThat(revoke(alice.refreshToken(), "refresh_token").status()).isEqualTo(200);

        assertThat(refresh(alice.refreshToken()).status()).isEqualTo(400);
        assertThat(getIntrospection(alice.refreshToken()).toString()).isEqualTo("{\"active\":false}");
        assertThat(postIntrospection(alice.refreshToken()).toString()).isEqualTo("{\"active\":false}");
        assertThat(getIntrospection(alice.accessToken()).toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void apiTokenExchangedTokensCarryOfflineAccessInBothIntrospections() {
        TestUser alice = users.create();

        assertThat(alice.tokens().path("scope").asString()).isEqualTo("offline_access");
        assertThat(getIntrospection(alice.accessToken()).path("scope").asString()).isEqualTo("offline_access");
        assertThat(postIntrospection(alice.accessToken()).path("scope").asString()).isEqualTo("offline_access");
    }

    @Test
    void unknownTokenIsInactive() {
        assertThat(getIntrospection("no-such-token").toString()).isEqualTo("{\"active\":false}");
        assertThat(postIntrospection("no-such-token").toString()).isEqualTo("{\"active\":false}");
    }

    /** The seeds' document without the token in a URL: what the CLI uses, and the same answers. */
    @Test
    void theTokensDocumentAlsoAnswersAFormPostSoTheTokenStaysOutOfUrls() {
        TestUser alice = users.create();
        ApiClient.Response posted = api.postForm("/oauth2/tokens", Map.of("token", alice.accessToken()));

        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(posted.json()).isEqualTo(getIntrospection(alice.accessToken()));
        assertThat(posted.json().path("active").asBoolean()).isTrue();
        assertThat(api.postForm("/oauth2/tokens", Map.of("token", "no-such-token")).body())
                .isEqualTo("{\"active\":false}");
        assertThat(api.postForm("/oauth2/tokens", Map.of("access_token", alice.accessToken())).body())
                .as("no token field").isEqualTo("{\"active\":false}");
        ApiClient.Response inTheUrl = api.postForm("/oauth2/tokens?token=" + alice.accessToken(), Map.of());
        assertThat(inTheUrl.status()).isEqualTo(400);
        assertThat(inTheUrl.body()).contains("takes the token in the form body only").doesNotContain("active");
    }

    @Test
    void introspectionEndpointRequiresTheInternalClient() {
        ApiClient.Response anonymous = api.postForm("/oauth2/introspect", Map.of("token", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        ApiClient.Response asCli = api.postForm("/oauth2/introspect", Map.of("token", "x", "client_id", "webpaas-cli"));
        assertThat(asCli.status()).isEqualTo(401);
        ApiClient.Response wrongSecret = api.send(api.request("/oauth2/introspect", null)
                .header("Authorization", basic(InternalClient.CLIENT_ID, "wrong"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=x")));
        assertThat(wrongSecret.status()).isEqualTo(401);
    }

    @Test
    void remoteIntrospectorGivesTheLocalDocument() {
        TestUser bob = users.createWithMfa();
        RemoteTokenIntrospector remote = new RemoteTokenIntrospector(URI.create(api.baseUrl() + "/oauth2/introspect"),
                InternalClient.CLIENT_ID, internalClient.secret(), json);

        Introspection viaHttp = remote.introspect(bob.accessToken());

        assertThat(viaHttp).isEqualTo(local.introspect(bob.accessToken()));
        assertThat(viaHttp.active()).isTrue();
        assertThat(viaHttp.mfa()).isTrue();
        assertThat(remote.introspect("no-such-token")).isEqualTo(Introspection.inactive());
    }

    @Test
    void opaqueTokensNeedNoSigningKeys() {
        assertThat(api.get("/oauth2/jwks", null).json().path("keys")).isEmpty();
    }

    @Test
    void introspectionUrlSelectsTheRemoteIntrospector() {
        IntrospectionConfig config = new IntrospectionConfig();
        assertThat(config.tokenIntrospector(local, internalClient, json, "https://auth.example.test/oauth2/introspect"))
                .isInstanceOf(RemoteTokenIntrospector.class);
        assertThat(config.tokenIntrospector(local, internalClient, json, "")).isSameAs(local);
        assertThat(context.getBean(TokenIntrospector.class)).as("the default").isSameAs(local);
    }

    @Test
    void tokenValuesAreNotStoredInPlaintext() {
        TestUser alice = users.create();
        String refreshed = refresh(alice.refreshToken()).json().path("refresh_token").asString();

        List<String> rows = jdbc.sql("SELECT * FROM oauth2_authorizations").query((rs, n) -> {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                row.append(rs.getString(column)).append('|');
            }
            return row.toString();
        }).list();
        List<String> apiTokenRows = jdbc.sql("SELECT secret_hash FROM api_tokens").query(String.class).list();

        assertThat(rows).isNotEmpty().noneMatch(row -> row.contains(alice.accessToken())
                || row.contains(alice.refreshToken()) || row.contains(refreshed));
        assertThat(rows).anyMatch(row -> row.contains(TokenHash.sha256(refreshed)));
        assertThat(apiTokenRows).isNotEmpty().noneMatch(row -> row.contains(alice.apiToken()));
    }

    private ApiClient.Response refresh(String refreshToken) {
        return api.postForm("/oauth2/token",
                Map.of("grant_type", "refresh_token", "client_id", "webpaas-cli", "refresh_token", refreshToken));
    }

    private ApiClient.Response revoke(String token, String hint) {
        return api.postForm("/oauth2/revoke", Map.of("client_id", "webpaas-cli", "token", token, "token_type_hint", hint));
    }

    private JsonNode getIntrospection(String token) {
        return api.get("/oauth2/tokens/" + token, null).json();
    }

    private JsonNode postIntrospection(String token) {
        ApiClient.Response response = api.send(api.request("/oauth2/introspect", null)
                .header("Authorization", basic(InternalClient.CLIENT_ID, internalClient.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.form(Map.of("token", token)))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
