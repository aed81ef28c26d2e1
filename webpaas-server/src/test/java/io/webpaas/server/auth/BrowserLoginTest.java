package io.webpaas.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.Browser;
import io.webpaas.server.support.BrowserLogin;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
    @Autowired
    LoginProperties settings;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    TestUsers users;
    ApiClient api;
    Browser browser;
    BrowserLogin login;

    @BeforeEach
    void setUp() {
        users = new TestUsers(context);
        api = new ApiClient(port);
        browser = new Browser(api.baseUrl());
        login = new BrowserLogin(api, browser);
    }

    @Test
    void pkceLoginWithPassword() throws Exception {
        TestUser alice = users.create();

        JsonNode tokens = login.tokens(alice, OFFLINE_ACCESS);

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

        JsonNode tokens = login.tokens(alice, null);

        assertThat(tokens.has("refresh_token")).isFalse();
        JsonNode introspection = introspect(tokens.path("access_token").asString());
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.has("scope")).isFalse();
    }

    @Test
    void aScopeTheClientDoesNotHaveIsRefused() {
        Browser.Page refused = browser.get("/oauth2/authorize?response_type=code&client_id=webpaas-cli"
                + "&redirect_uri=http://127.0.0.1:9/callback&code_challenge=" + BrowserLogin.randomUrlSafe(32)
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
        JsonNode tokens = login.tokens(bob, OFFLINE_ACCESS, TotpCodes.code(secret, enrolledStep), TotpCodes.code(secret, enrolledStep + 1));

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

        assertThat(next.location()).as("the fifth wrong code also locks the username").endsWith("/login?error=locked");
        assertThat(browser.follow(next).body()).contains("Too many failed attempts: wait a few");
        assertThat(browser.get("/login/totp").location()).as("the pending login is gone").endsWith("/");
        assertThat(browser.get("/device").location()).endsWith("/login");
    }

    /** With the password one can open many pending logins: their wrong codes add up to the username's lock. */
    @Test
    void wrongCodesAcrossPendingLoginsLockTheUsername() {
        TestUser erin = users.create();
        byte[] secret = enrollTotp(erin);
        long step = Instant.now().getEpochSecond() / 30;
        assertThat(confirm(erin, TotpCodes.code(secret, step)).status()).isEqualTo(200);
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i <= settings.maxFailures(); i++) {
            Browser each = new Browser(api.baseUrl());
            Browser.Page login = each.follow(each.get("/device"));
            assertThat(each.submit(login, "/login", Map.of("username", erin.username(), "password", erin.password()))
                    .location()).endsWith("/login/totp");
            browsers.add(each);
        }

        // one wrong code in each: fewer than one login may try, as many as lock the username
        for (Browser each : browsers.subList(0, settings.maxFailures())) {
            each.submit(each.get("/login/totp"), "/login/totp", Map.of("code", "000000"));
        }
        Browser last = browsers.getLast();
        Browser.Page refused = last.submit(last.get("/login/totp"), "/login/totp",
                Map.of("code", TotpCodes.code(secret, step + 1)));

        assertThat(refused.location()).as("even the right code, while the username is locked")
                .endsWith("/login?error=locked");
        assertThat(last.get("/login/totp").location()).as("the pending login is gone").endsWith("/");
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
        ApiClient.Response enrollment = api.post("/api/v1/me/totp", users.logIn(user), "{}");
        assertThat(enrollment.status()).as(enrollment.toString()).isEqualTo(201);
        String secret = enrollment.json().path("secret").asString();
        assertThat(enrollment.json().path("otpauth_uri").asString())
                .isEqualTo("otpauth://totp/WebPaaS:" + user.username() + "?secret=" + secret + "&issuer=WebPaaS");
        return TotpCodes.base32(secret);
    }

    private ApiClient.Response confirm(TestUser user, String code) {
        return api.post("/api/v1/me/totp/confirm", users.logIn(user), Map.of("code", code));
    }

    private ApiClient.Response pollDevice(String deviceCode) {
        return api.postForm("/oauth2/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "client_id", "webpaas-cli", "device_code", deviceCode));
    }

    private JsonNode introspect(String accessToken) {
        return api.get("/oauth2/tokens/" + accessToken, null).json();
    }
}
