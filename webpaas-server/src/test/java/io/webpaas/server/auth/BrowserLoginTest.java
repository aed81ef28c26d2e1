package io.webpaas.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.Browser;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TotpCodes;
import io.webpaas.server.support.TestUsers.TestUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The CLI's logins end to end, with this test playing the browser against the real pages:
 * authorization code + PKCE to a loopback redirect (with and without TOTP) and the device grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserLoginTest {
    private static final String OFFLINE_ACCESS = "offline_access";

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    TestUsers users;
    ApiClient api;
    Browser browser;

    @BeforeEach
    void setUp() {
        users = new TestUsers(context);
        api = new ApiClient(port);
        browser = new Browser(api.baseUrl());
    }

    @Test
    void pkceLoginWithPassword() throws Exception {
        TestUser alice = users.create();

        JsonNode tokens = pkceLogin(alice, OFFLINE_ACCESS, null);

        JsonNode introspection = introspect(tokens.path("access_token").asString());
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("user_uuid").asString()).isEqualTo(alice.user().uuid().toString());
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"pwd\"]");
        assertThat(introspection.has("mfa_verified")).isFalse();
        assertThat(introspection.path("exp").asLong() - introspection.path("iat").asLong()).isEqualTo(901);
        assertThat(introspection.path("grant_type").asString()).isEqualTo("authorization_code");
        assertThat(introspection.path("scope").asString()).isEqualTo(OFFLINE_ACCESS);
        assertThat(tokens.path("scope").asString()).isEqualTo(OFFLINE_ACCESS);
        assertThat(tokens.path("refresh_token").asString()).isNotBlank();
        assertThat(certificateListing(tokens)).contains("uuid@webpaas", "amr@webpaas").doesNotContain("mfa@webpaas");
    }

    @Test
    void withoutOfflineAccessALoginGetsNoRefreshToken() throws Exception {
        TestUser alice = users.create();

        JsonNode tokens = pkceLogin(alice, null, null);

        assertThat(tokens.has("refresh_token")).isFalse();
        JsonNode introspection = introspect(tokens.path("access_token").asString());
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.has("scope")).isFalse();
    }

    @Test
    void aScopeTheClientDoesNotHaveIsRefused() {
        Browser.Page refused = browser.get("/oauth2/authorize?response_type=code&client_id=webpaas-cli"
                + "&redirect_uri=http://127.0.0.1:9/callback&code_challenge=" + randomUrlSafe(32)
                + "&code_challenge_method=S256&scope=admin");
        assertThat(refused.location()).contains("error=invalid_scope");
        ApiClient.Response device = api.postForm("/oauth2/device_authorization",
                Map.of("client_id", "webpaas-cli", "scope", "admin"));
        assertThat(device.status()).isEqualTo(400);
        assertThat(device.json().path("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void pkceLoginWithTotp() throws Exception {
        TestUser bob = users.create();
        byte[] secret = enrollTotp(bob);
        long enrolledStep = Instant.now().getEpochSecond() / 30;
        assertThat(confirm(bob, "000000x").status()).isEqualTo(400);
        ApiClient.Response confirmed = confirm(bob, TotpCodes.code(secret, enrolledStep));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);

        // The code used to confirm cannot log in again; the next one can.
        JsonNode tokens = pkceLogin(bob, OFFLINE_ACCESS, new String[] {TotpCodes.code(secret, enrolledStep), TotpCodes.code(secret, enrolledStep + 1)});

        JsonNode introspection = introspect(tokens.path("access_token").asString());
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"pwd\",\"mfa\"]");
        assertThat(introspection.path("mfa_verified").asLong())
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
        assertThat(introspection.path("auth_time").asLong()).isLessThanOrEqualTo(introspection.path("mfa_verified").asLong());
        assertThat(certificateListing(tokens)).contains("mfa@webpaas");
    }

    @Test
    void repeatedWrongTotpCodesEndTheLogin() {
        TestUser dave = users.create();
        byte[] secret = enrollTotp(dave);
        long step = Instant.now().getEpochSecond() / 30;
        assertThat(confirm(dave, TotpCodes.code(secret, step)).status()).isEqualTo(200);
        Browser.Page next = logIn(dave, browser.follow(browser.get("/device")));
        assertThat(next.location()).endsWith("/login/totp");

        for (int attempt = 1; attempt < LoginPages.MAX_WRONG_CODES; attempt++) {
            next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", "000000"));
            assertThat(next.location()).endsWith("/login/totp?error");
        }
        next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", "000000"));

        assertThat(next.location()).endsWith("/login?error");
        assertThat(browser.get("/login/totp").location()).as("the pending login is gone").endsWith("/");
        assertThat(browser.get("/device").location()).endsWith("/login");
    }

    @Test
    void wrongPasswordStaysOnTheLoginPage() {
        TestUser alice = users.create();
        browser.get("/oauth2/authorize?response_type=code&client_id=webpaas-cli");
        Browser.Page login = browser.get("/login");

        Browser.Page refused = browser.submit(login, "/login", Map.of("username", alice.username(), "password", "nope"));

        assertThat(refused.location()).endsWith("/login?error");
        assertThat(browser.follow(refused).body()).contains("Wrong username or password");
    }

    @Test
    void loginFormNeedsItsCsrfTokenAndTheSessionCookieIsHttpOnly() {
        TestUser alice = users.create();
        ApiClient.Response forged = api.postForm("/login", Map.of("username", alice.username(), "password", alice.password()));
        assertThat(forged.status()).isEqualTo(403);

        ApiClient.Response page = api.send(api.request("/login", null).header("Accept", "text/html").GET());
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void deviceGrant() {
        TestUser carol = users.create();
        JsonNode device = api.postForm("/oauth2/device_authorization",
                Map.of("client_id", "webpaas-cli", "scope", OFFLINE_ACCESS)).json();
        String deviceCode = device.path("device_code").asString();
        String userCode = device.path("user_code").asString();
        assertThat(device.path("verification_uri").asString()).endsWith("/device");
        assertThat(pollDevice(deviceCode).json().path("error").asString()).isEqualTo("authorization_pending");

        String complete = URI.create(device.path("verification_uri_complete").asString()).getRawPath() + "?"
                + URI.create(device.path("verification_uri_complete").asString()).getRawQuery();
        Browser.Page toLogin = browser.get(complete);
        assertThat(toLogin.location()).as(toLogin.toString()).endsWith("/login");
        Browser.Page devicePage = browser.follow(logIn(carol, browser.follow(toLogin)));
        assertThat(devicePage.status()).isEqualTo(200);
        assertThat(devicePage.body()).contains(userCode);
        Browser.Page approved = browser.submit(devicePage, "/oauth2/device_verification", Map.of("user_code", userCode));
        assertThat(approved.location()).as(approved.toString()).endsWith("/device?approved");
        assertThat(browser.follow(approved).body()).contains("Device approved");

        ApiClient.Response tokens = pollDevice(deviceCode);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        JsonNode introspection = introspect(tokens.json().path("access_token").asString());
        assertThat(introspection.path("user_uuid").asString()).isEqualTo(carol.user().uuid().toString());
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"pwd\"]");
        assertThat(introspection.path("grant_type").asString()).isEqualTo("urn:ietf:params:oauth:grant-type:device_code");
        assertThat(introspection.path("scope").asString()).isEqualTo(OFFLINE_ACCESS);
        assertThat(tokens.json().path("refresh_token").asString()).isNotBlank();
        assertThat(pollDevice(deviceCode).status()).as("a device code works once").isEqualTo(400);
    }

    @Test
    void unknownUserCodeIsRefusedOnTheDevicePage() {
        TestUser carol = users.create();
        Browser.Page devicePage = browser.follow(logIn(carol, browser.follow(browser.get("/device"))));
        Browser.Page refused = browser.submit(devicePage, "/oauth2/device_verification", Map.of("user_code", "BCDF-GHJK"));
        assertThat(refused.location()).endsWith("/device?error");
    }

    /** The CLI's login: loopback receiver on a random port, PKCE S256 (scope: none or as given), the browser logs in. */
    private JsonNode pkceLogin(TestUser user, String scope, String[] totpCodes) throws IOException {
        String verifier = randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = randomUrlSafe(16);
        CompletableFuture<String> callback = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/callback", exchange -> {
            callback.complete(exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String redirectUri = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/callback";
            String authorize = "/oauth2/authorize?response_type=code&client_id=webpaas-cli"
                    + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                    + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=" + state
                    + (scope == null ? "" : "&scope=" + scope);
            Browser.Page toLogin = browser.get(authorize);
            assertThat(toLogin.location()).endsWith("/login");
            Browser.Page next = logIn(user, browser.follow(toLogin));
            if (totpCodes != null) {
                assertThat(next.location()).endsWith("/login/totp");
                for (int i = 0; i < totpCodes.length; i++) {
                    Browser.Page totpPage = browser.get("/login/totp");
                    next = browser.submit(totpPage, "/login/totp", Map.of("code", totpCodes[i]));
                    if (i < totpCodes.length - 1) {
                        assertThat(next.location()).as("code %d is refused", i).endsWith("/login/totp?error");
                        assertThat(browser.get(authorize).location())
                                .as("no authorization before the code").endsWith("/login/totp");
                    }
                }
            }
            assertThat(next.location()).contains("/oauth2/authorize");
            Browser.Page toClient = browser.follow(next);
            assertThat(toClient.location()).startsWith(redirectUri + "?");
            browser.get(toClient.location());
            Map<String, String> query = UriComponentsBuilder.fromUriString("?" + callback.join()).build().getQueryParams()
                    .toSingleValueMap();
            assertThat(query.get("state")).isEqualTo(state);

            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("client_id", "webpaas-cli");
            exchange.put("code", query.get("code"));
            exchange.put("redirect_uri", redirectUri);
            exchange.put("code_verifier", "wrong" + verifier.substring(5));
            assertThat(api.postForm("/oauth2/token", exchange).status()).as("a wrong verifier").isEqualTo(400);
            exchange.put("code_verifier", verifier);
            ApiClient.Response tokens = api.postForm("/oauth2/token", exchange);
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            return tokens.json();
        } finally {
            receiver.stop(0);
        }
    }

    /** What {@code ssh-keygen -L} shows of the certificate the Certifier issues for this login's token. */
    private String certificateListing(JsonNode tokens) throws IOException {
        OpenSsh openSsh = new OpenSsh(dir);
        ApiClient.Response issued = api.post("/ssh", tokens.path("access_token").asString(),
                Map.of("key", openSsh.publicKey(openSsh.newKey("laptop"))));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        return openSsh.list(issued.json().path("certificate").asString());
    }

    private Browser.Page logIn(TestUser user, Browser.Page loginPage) {
        return browser.submit(loginPage, "/login", Map.of("username", user.username(), "password", user.password()));
    }

    private byte[] enrollTotp(TestUser user) {
        ApiClient.Response enrollment = api.post("/api/v1/me/totp", user.accessToken(), "{}");
        assertThat(enrollment.status()).as(enrollment.toString()).isEqualTo(201);
        String secret = enrollment.json().path("secret").asString();
        assertThat(enrollment.json().path("otpauth_uri").asString())
                .isEqualTo("otpauth://totp/WebPaaS:" + user.username() + "?secret=" + secret + "&issuer=WebPaaS");
        return TotpCodes.base32(secret);
    }

    private ApiClient.Response confirm(TestUser user, String code) {
        return api.post("/api/v1/me/totp/confirm", user.accessToken(), Map.of("code", code));
    }

    private ApiClient.Response pollDevice(String deviceCode) {
        return api.postForm("/oauth2/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "client_id", "webpaas-cli", "device_code", deviceCode));
    }

    private JsonNode introspect(String accessToken) {
        return api.get("/oauth2/tokens/" + accessToken, null).json();
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
