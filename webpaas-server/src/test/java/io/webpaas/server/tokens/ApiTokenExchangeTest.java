package io.webpaas.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.Browser;
import io.webpaas.server.support.BrowserLogin;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.server.support.TotpCodes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokenExchangeTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    WebpaasProperties properties;
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
    void apiTokenExchangesForAccessAndRefreshTokensWithAmrApiToken() {
        TestUser alice = users.create();

        assertThat(alice.tokens().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(alice.refreshToken()).isNotBlank();
        JsonNode introspection = api.get("/oauth2/tokens/" + alice.accessToken(), null).json();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("user_uuid").asString()).isEqualTo(alice.user().uuid().toString());
        assertThat(introspection.path("sub").asString()).isEqualTo(alice.user().uuid().toString());
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"api_token\"]");
        assertThat(introspection.has("mfa_verified")).isFalse();
        assertThat(introspection.path("exp").asLong() - introspection.path("iat").asLong()).isEqualTo(901);
        assertThat(introspection.path("expires").asLong()).isEqualTo(introspection.path("exp").asLong());
        assertThat(introspection.path("nbf").asLong()).isEqualTo(introspection.path("iat").asLong());
        assertThat(introspection.path("client_id").asString()).isEqualTo("webpaas-cli");
        assertThat(introspection.path("grant").asString()).isEqualTo("api_token");
        assertThat(introspection.path("grant_type").asString()).isEqualTo("api_token");
        assertThat(introspection.path("ns").asString()).isEqualTo("webpaas");
        assertThat(introspection.path("iss").asString()).isEqualTo(properties.publicUrl());
        assertThat(introspection.path("jti").asString()).isNotBlank();
        assertThat(introspection.path("auth_time").asLong()).isPositive();
    }

    @Test
    void tokenCreatedUnderAnMfaLoginCarriesMfa() {
        TestUser bob = users.create();
        String login = users.logIn(bob);
        byte[] secret = TotpCodes.base32(api.post("/api/v1/me/totp", login, "{}").json().path("secret").asString());
        long step = Instant.now().getEpochSecond() / 30;
        assertThat(api.post("/api/v1/me/totp/confirm", login, Map.of("code", TotpCodes.code(secret, step))).status())
                .isEqualTo(200);
        String mfaLogin = new BrowserLogin(api, new Browser(api.baseUrl()))
                .tokens(bob, null, TotpCodes.code(secret, step + 1)).path("access_token").asString();
        long mfa = api.get("/oauth2/tokens/" + mfaLogin, null).json().path("mfa_verified").asLong();
        assertThat(mfa).isPositive();

        ApiClient.Response created = api.post("/api/v1/tokens", mfaLogin, Map.of("name", "ci"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String apiToken = created.json().path("secret").asString();
        assertThat(apiToken).startsWith("wpat_");

        JsonNode exchanged = users.exchange(apiToken);
        JsonNode introspection = api.get("/oauth2/tokens/" + exchanged.path("access_token").asString(), null).json();
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"api_token\",\"mfa\"]");
        assertThat(introspection.path("mfa_verified").asLong()).isEqualTo(mfa);
    }

    @Test
    void unknownApiTokenIsRefused() {
        ApiClient.Response response = api.postForm("/oauth2/token",
                Map.of("grant_type", "api_token", "client_id", "webpaas-cli", "api_token", "wpat_nope"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asString()).isEqualTo("invalid_grant");
    }
}
