package io.webpaas.server.support;

import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.tokens.ApiTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Users with random names and real tokens, for tests against the running server.
 *
 * <pre>{@code
 * @Autowired ApplicationContext context;
 * TestUsers users = new TestUsers(context);
 * TestUser alice = users.create();          // amr ["api_token"]
 * TestUser bob = users.createWithMfa();     // amr ["api_token", "mfa"], mfa_verified set
 * api.get("/api/v1/me", alice.accessToken());
 * }</pre>
 * The access token comes from the real {@code api_token} grant over HTTP.
 */
public final class TestUsers {
    public static final String PASSWORD = "correct horse battery staple";

    private final Users users;
    private final ApiTokens apiTokens;
    private final ApiClient api;

    public TestUsers(ApplicationContext context) {
        this.users = context.getBean(Users.class);
        this.apiTokens = context.getBean(ApiTokens.class);
        this.api = new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    public TestUser create() {
        return create(false, null);
    }

    /** A user whose API token was made in a session that passed MFA a minute ago. */
    public TestUser createWithMfa() {
        return create(false, aMinuteAgo());
    }

    public TestUser createStaff() {
        return create(true, null);
    }

    public TestUser createStaffWithMfa() {
        return create(true, aMinuteAgo());
    }

    private static Instant aMinuteAgo() {
        return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    }

    private TestUser create(boolean staff, Instant mfa) {
        String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        User user = users.create(username, username + "@example.test", PASSWORD, staff);
        String apiToken = apiTokens.create(user.uuid(), "test", mfa, null).secret();
        return new TestUser(user, PASSWORD, apiToken, exchange(apiToken));
    }

    /**
     * A login's access token (the password at the login page, in a browser of its own), for what
     * a token from an API token may not do.
     */
    public String logIn(TestUser user) {
        return new BrowserLogin(api, new Browser(api.baseUrl())).tokens(user, null).path("access_token").asString();
    }

    /** {@code grant_type=api_token} at the token endpoint; the answer's JSON. */
    public JsonNode exchange(String apiToken) {
        ApiClient.Response response = api.postForm("/oauth2/token",
                Map.of("grant_type", "api_token", "client_id", "webpaas-cli", "api_token", apiToken));
        if (response.status() != 200) {
            throw new IllegalStateException("api_token grant failed: " + response);
        }
        return response.json();
    }

    /**
     * @param tokens the token endpoint's answer: access_token, refresh_token, expires_in
     */
    public record TestUser(User user, String password, String apiToken, JsonNode tokens) {
        public String accessToken() {
            return tokens.path("access_token").asString();
        }

        public String refreshToken() {
            return tokens.path("refresh_token").asString();
        }

        public String username() {
            return user.username();
        }
    }
}
