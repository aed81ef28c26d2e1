package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.LoginBrowser;
import io.webpaas.cli.support.LoginBrowser.Page;
import io.webpaas.cli.support.RunningCommand;
import io.webpaas.cli.support.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to log in, against the real server: the browser login (this test plays the
 * browser on the real login form and follows the redirect to the CLI's loopback receiver),
 * the device grant, API tokens; the token commands and the automatic refresh.
 */
class LoginIT {
    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://\\S+/oauth2/authorize\\?\\S+)");

    @TempDir
    Path home;
    TestServer server;
    CliUser user;
    LoginBrowser browser;

    @BeforeEach
    void setUp() {
        server = TestServer.get();
        user = new CliUser(home, server);
        browser = new LoginBrowser(server.apiUrl());
    }

    @Test
    void browserLoginWithPkceThroughTheRealLoginForm() {
        RunningCommand login = user.start(Map.of("WEBPAAS_API_URL", "http://127.0.0.1:1"),
                "login", "--no-browser", "--yes", "--api-url", server.apiUrl());
        String url = login.awaitStderr(AUTHORIZE_URL).group(1);
        assertThat(url).contains("client_id=webpaas-cli", "code_challenge_method=S256", "code_challenge=", "state=",
                "redirect_uri=http%3A%2F%2F127.0.0.1%3A");

        Page toLogin = browser.get(url);
        assertThat(toLogin.location()).endsWith("/login");
        Page authorized = browser.logIn(browser.follow(toLogin), "demo", server.demoPassword());
        assertThat(authorized.location()).contains("/oauth2/authorize");
        Page toCli = browser.follow(authorized);
        assertThat(toCli.location()).startsWith("http://127.0.0.1:").contains("/callback?code=");
        Page landing = browser.get(toCli.location());
        assertThat(landing.body()).contains("You are logged in");

        Result result = login.finish();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("You are logged in as demo");
        assertThat(user.webpaas("auth:info", "username").stdout()).isEqualTo("demo\n");
        assertThat(user.webpaas("auth:info", "amr").stdout()).isEqualTo("pwd\n");
        assertThat(user.read(home.resolve(".webpaas/.session/sess-cli-default/session.json")))
                .contains("\"grant_type\" : \"authorization_code\"");
    }

    @Test
    void aLoopbackAnswerWithAnotherStateIsRefused() {
        RunningCommand login = user.start(Map.of(), "login", "--no-browser");
        String url = login.awaitStderr(AUTHORIZE_URL).group(1);
        Matcher redirect = Pattern.compile("redirect_uri=([^&]+)").matcher(url);
        assertThat(redirect.find()).isTrue();
        String callback = URLDecoder.decode(redirect.group(1), StandardCharsets.UTF_8);

        assertThat(browser.get(callback + "?code=forged&state=other").status()).isEqualTo(400);

        Result result = login.finish();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("does not belong to this login");
        assertThat(home.resolve(".webpaas/.session")).doesNotExist();
    }

    @Test
    void deviceLogin() {
        RunningCommand login = user.start(Map.of(), "login", "--device", "--yes");
        String userCode = login.awaitStderr(Pattern.compile("enter the code: (\\S+)")).group(1);
        String complete = login.awaitStderr(Pattern.compile("\\(or open (\\S+) directly\\)")).group(1);

        Page toLogin = browser.get(complete);
        assertThat(toLogin.location()).endsWith("/login");
        Page devicePage = browser.follow(browser.logIn(browser.follow(toLogin), "demo", server.demoPassword()));
        assertThat(devicePage.body()).contains(userCode);
        Page approved = browser.submit(devicePage, "/oauth2/device_verification", Map.of("user_code", userCode));
        assertThat(approved.location()).endsWith("/device?approved");

        Result result = login.finish();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(user.webpaas("auth:info", "username").stdout()).isEqualTo("demo\n");
        assertThat(user.read(home.resolve(".webpaas/.session/sess-cli-default/session.json")))
                .contains("urn:ietf:params:oauth:grant-type:device_code");
        assertThat(user.sessionSshDir().resolve("id_ed25519-cert.pub")).exists();
    }

    @Test
    void apiTokenLoginFromTheEnvironment() {
        Result result = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(user.webpaas("auth:info", "amr").stdout()).isEqualTo("api_token\n");
        assertThat(user.webpaas("auth:info").stdout()).contains("username       demo", "email          demo@example.com");
    }

    @Test
    void apiTokenTypedAtAHiddenPromptAndConsentAskedInATerminal() {
        RunningCommand login = user.startInTerminal("auth:api-token-login");
        login.awaitStdout(Pattern.compile("API token: "));
        login.type(server.demoApiToken() + "\n");
        login.awaitStdout(Pattern.compile("Include the WebPaaS ssh configuration in .*\\[Y/n\\]"));
        login.type("y\n");

        Result result = login.finish();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("You are logged in as demo").doesNotContain(server.demoApiToken());
        assertThat(user.read(home.resolve(".ssh/config"))).contains("Include");
    }

    @Test
    void withoutConsentTheUsersSshConfigIsLeftAloneAndTheLineToAddIsShown() {
        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.stderr()).contains("add this line at the top of " + home.resolve(".ssh/config"),
                "Include " + home.resolve(".webpaas/ssh/webpaas-cli.config"));
        assertThat(home.resolve(".ssh")).doesNotExist();
    }

    @Test
    void aWrongApiTokenOrNoneIsRefusedWithAMessage() {
        Result wrong = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", "wpat_not-a-real-token"), "auth:api-token-login");
        Result none = user.webpaas("auth:api-token-login");

        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("The API token was not accepted");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).contains("set WEBPAAS_CLI_TOKEN");
        assertThat(home.resolve(".webpaas/.session")).doesNotExist();
    }

    @Test
    void withoutASessionEveryCommandSaysHowToLogIn() {
        for (List<String> command : List.of(List.of("auth:info"), List.of("auth:token"), List.of("ssh-cert:load"),
                List.of("ssh-cert:load", "--refresh-only", "--yes", "--quiet"), List.of("ssh-cert:info"))) {
            Result result = user.webpaas(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(command.toString()).isEqualTo(1);
            assertThat(result.stderr()).as(command.toString()).isEqualTo("Please log in by running: webpaas login\n");
        }
    }

    @Test
    void authTokenPrintsAnAcceptedTokenAsIsOrAsAHeader() {
        logInWithApiToken();

        Result plain = user.webpaas("auth:token");
        Result header = user.webpaas("auth:token", "-H", "-W");

        assertThat(plain.stderr()).startsWith("Warning:");
        assertThat(server.isActive(plain.stdout().strip())).isTrue();
        assertThat(header.stderr()).isEmpty();
        assertThat(header.stdout()).isEqualTo("Authorization: Bearer " + plain.stdout());
    }

    @Test
    void anExpiringAccessTokenIsRefreshedOnceByConcurrentCommands() throws Exception {
        logInWithApiToken();
        Path sessionFile = home.resolve(".webpaas/.session/sess-cli-default/session.json");
        String before = user.read(sessionFile);
        String oldToken = user.webpaas("auth:token", "-W").stdout().strip();
        Files.writeString(sessionFile, before.replaceFirst("\"expires_at\" : \\d+",
                "\"expires_at\" : " + Instant.now().getEpochSecond()));

        List<CompletableFuture<Result>> concurrent = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> user.webpaas("auth:token", "-W"))).toList();
        List<Result> results = concurrent.stream().map(CompletableFuture::join).toList();

        assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.toString()).isZero());
        assertThat(results).extracting(Result::stdout).containsOnly(results.getFirst().stdout());
        String newToken = results.getFirst().stdout().strip();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(server.isActive(newToken)).isTrue();
        assertThat(user.webpaas("auth:info", "username").stdout()).isEqualTo("demo\n");
    }

    @Test
    void aSessionIsNotUsedForAnotherServer() {
        logInWithApiToken();

        Result elsewhere = user.webpaas("auth:token", "--api-url", "http://127.0.0.1:1");

        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.stderr()).isEqualTo("You are logged in at " + server.apiUrl()
                + ", not http://127.0.0.1:1. To use that server, run: webpaas login --api-url http://127.0.0.1:1\n");
        assertThat(user.webpaas("auth:token", "-W", "--api-url", server.apiUrl() + "/").exitCode()).isZero();
    }

    private void logInWithApiToken() {
        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        assertThat(login.exitCode()).as(login.toString()).isZero();
    }
}
