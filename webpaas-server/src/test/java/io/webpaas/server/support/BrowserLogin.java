package io.webpaas.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.webpaas.server.support.TestUsers.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The CLI's login as a browser plays it: a loopback receiver on a random port, authorization
 * code with PKCE S256, the real login form and TOTP page, checking {@code state} and that a
 * wrong verifier is refused. Its tokens are a login's (amr {@code pwd}, and {@code mfa} after a
 * code), which may do what tokens from an API token may not.
 */
public final class BrowserLogin {
    private final ApiClient api;
    private final Browser browser;

    public BrowserLogin(ApiClient api, Browser browser) {
        this.api = api;
        this.browser = browser;
    }

    /**
     * Logs {@code user} in: the password, then each of {@code totpCodes} (all but the last must
     * be refused), for a client asking for {@code scope} (none when {@code null}).
     *
     * @return the token endpoint's answer
     */
    public JsonNode tokens(TestUser user, String scope, String... totpCodes) {
        String verifier = randomUrlSafe(32);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = randomUrlSafe(16);
        CompletableFuture<String> callback = new CompletableFuture<>();
        HttpServer receiver = loopbackReceiver();
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
            Browser.Page next = browser.submit(browser.follow(toLogin), "/login",
                    Map.of("username", user.username(), "password", user.password()));
            if (totpCodes.length > 0) {
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

    private static HttpServer loopbackReceiver() {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String randomUrlSafe(int bytes) {
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
