package io.webpaas.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.webpaas.server.gateway.GatewayClient;
import io.webpaas.server.runtime.RuntimeServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.HeadlessChrome;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.server.support.TotpCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The console in headless Chromium against the real server, with the real {@code ssh}
 * through the gateway checking what the pages changed. The gateway's key cache is short, so
 * a deleted key is refused within a second or two.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "webpaas.gateway.key-cache=1s")
class ConsoleBrowserTest {
    @RegisterExtension
    final HeadlessChrome chrome = new HeadlessChrome();

    @Autowired
    ApplicationContext context;
    @Autowired
    RuntimeServer runtime;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    ApiClient api;
    TestUsers users;
    DirectoryFixture directory;
    OpenSsh openSsh;
    GatewayClient ssh;
    WebDriver browser;

    @BeforeEach
    void setUp() throws IOException {
        api = new ApiClient(port);
        users = new TestUsers(context);
        directory = new DirectoryFixture(context);
        openSsh = new OpenSsh(dir);
        ssh = GatewayClient.of(context, api, dir);
        browser = chrome.driver();
    }

    @Test
    void anAccountKeyAddedInTheConsoleOpensSshUntilItIsDeleted() {
        TestUser alice = users.create();
        String project = directory.project(alice.user(), new AppHost(false, "127.0.0.1", runtime.port())).project().id();
        signIn(alice);

        Path key = openSsh.newKey("laptop");
        open("/account/keys");
        browser.findElement(By.id("title")).sendKeys("laptop");
        browser.findElement(By.id("key")).sendKeys("\n  " + openSsh.publicKey(key) + "  \n");
        click(button("Add SSH key"));
        assertThat(text(By.cssSelector("[role=status]"))).isEqualTo("Key added.");
        WebElement row = browser.findElement(By.cssSelector("#keys tbody tr"));
        assertThat(row.findElement(By.className("sha256")).getText()).isEqualTo(openSsh.fingerprint(key, "sha256"));
        assertThat(row.findElement(By.className("md5")).getText()).isEqualTo(openSsh.fingerprint(key, "md5"));
        assertThat(row.findElement(By.className("last-used")).getText()).isEqualTo("never");

        OpenSsh.Result session = ssh.ssh(new GatewayClient.Credentials(key, null), project, "echo", "hello");
        assertThat(session.exitCode()).as(session.output()).isZero();
        assertThat(session.output()).contains("hello");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(text(By.cssSelector("#keys tbody tr .last-used"))).isNotEqualTo("never").endsWith("UTC");
        });

        click(browser.findElement(By.cssSelector("#keys tbody tr a.delete")));
        assertThat(text(By.tagName("h1"))).isEqualTo("Delete SSH key?");
        click(browser.findElement(By.id("confirm-delete")));
        assertThat(text(By.cssSelector("[role=status]"))).isEqualTo("Key deleted.");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            OpenSsh.Result refused = ssh.ssh(new GatewayClient.Credentials(key, null), project, "true");
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.output()).contains("Permission denied (publickey)");
        });

        // A project key, in the project's settings, with the username@host it reaches.
        open("/projects/" + project);
        click(browser.findElement(By.linkText("Project settings")));
        assertThat(text(By.id("destination"))).isEqualTo(project + "@127.0.0.1");
        Path deployKey = openSsh.newKey("deploy");
        browser.findElement(By.id("title")).sendKeys("deploy");
        browser.findElement(By.id("key")).sendKeys(openSsh.publicKey(deployKey));
        click(button("Add SSH key"));
        assertThat(text(By.cssSelector("#keys tbody tr .sha256"))).isEqualTo(openSsh.fingerprint(deployKey, "sha256"));

        open("/audit");
        assertThat(texts(By.cssSelector("#events td.type"))).contains("key.add", "key.delete");
    }

    @Test
    void totpTokensAndMfaEnforcementFromTheConsole() {
        TestUser bob = users.create();
        String project = directory.project(bob.user(), new AppHost(false, "127.0.0.1", runtime.port())).project().id();
        signIn(bob);

        // The SSH button of the environment shows both commands.
        open("/projects/" + project + "/environments/main");
        browser.findElement(By.id("ssh-button")).click();
        assertThat(text(By.id("cli-app"))).isEqualTo("webpaas ssh -p " + project + " -e main -A app");
        assertThat(text(By.id("ssh-app"))).endsWith(project + "-main--app@127.0.0.1");
        // The copy button's script runs under the Content-Security-Policy (headless Chromium may refuse the clipboard).
        By copy = By.cssSelector("button[data-copy-target='cli-app']");
        browser.findElement(copy).click();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text(copy)).isIn("Copied", "Select and copy"));

        // TOTP: scan (read) the secret, confirm with a code, keep the recovery codes.
        open("/account/mfa");
        click(browser.findElement(By.id("enroll")));
        assertThat(browser.findElements(By.cssSelector(".qr svg"))).hasSize(1);
        String secret = text(By.id("totp-secret"));
        long step = TotpCodes.currentStep();
        browser.findElement(By.id("code")).sendKeys(TotpCodes.code(secret, step));
        click(button("Turn on TOTP"));
        assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);

        // Sign out, and back in with the next code.
        click(button("Sign out"));
        assertThat(text(By.cssSelector("[role=status]"))).isEqualTo("You are signed out.");
        typeCredentials(bob);
        assertThat(browser.getCurrentUrl()).endsWith("/login/totp");
        browser.findElement(By.id("code")).sendKeys(TotpCodes.code(secret, step + 1));
        click(button("Verify"));
        assertThat(text(By.tagName("h1"))).isEqualTo("Projects");

        // An API token: its secret once, then revoked.
        open("/account/tokens");
        browser.findElement(By.id("name")).sendKeys("ci");
        click(button("Create token"));
        String token = text(By.id("token-secret"));
        assertThat(users.exchange(token).path("access_token").asString()).isNotBlank();
        click(browser.findElement(By.cssSelector("button[aria-label='Revoke token ci']")));
        assertThat(text(By.cssSelector("[role=status]"))).isEqualTo("Token revoked.");
        assertThatThrownBy(() -> users.exchange(token)).hasMessageContaining("api_token grant failed");

        // A certificate without MFA works until the organization enforces MFA.
        GatewayClient.Credentials withoutMfa = GatewayClient.Credentials.certified(api, openSsh, bob.accessToken(), Map.of());
        assertThat(ssh.ssh(withoutMfa, project, "true").exitCode()).isZero();
        click(browser.findElement(By.partialLinkText("settings")));
        assertThat(text(By.id("members-without-mfa"))).startsWith("0 members");
        click(button("Enforce MFA over SSH"));
        assertThat(text(By.id("mfa-enforcement"))).contains("MFA over SSH is enforced");
        OpenSsh.Result refused = ssh.ssh(withoutMfa, project, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied", "Multifactor authentication (MFA)");

        open("/audit");
        assertThat(texts(By.cssSelector("#events td.type"))).contains("totp.enabled", "login.totp", "api_token.created",
                "api_token.revoked", "organization.enforce_mfa");
        browser.findElement(By.id("type")).sendKeys("api_token.revoked");
        click(button("Filter"));
        assertThat(texts(By.cssSelector("#events td.type"))).containsOnly("api_token.revoked");
    }

    private void signIn(TestUser user) {
        open("/login");
        typeCredentials(user);
        assertThat(text(By.tagName("h1"))).isEqualTo("Projects");
    }

    private void typeCredentials(TestUser user) {
        browser.findElement(By.id("username")).sendKeys(user.username());
        browser.findElement(By.id("password")).sendKeys(user.password());
        click(button("Sign in"));
    }

    private void open(String path) {
        browser.get(api.baseUrl() + path);
    }

    /**
     * Clicks what leads to another page, and waits until the page it was on is gone. While the
     * page is being replaced, chromedriver may answer "Node … does not belong to the document"
     * instead of "stale element": asked again, it says stale once the new page is there.
     */
    private void click(WebElement element) {
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(element));
    }

    private WebElement button(String label) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + label + "']"));
    }

    private String text(By by) {
        return browser.findElement(by).getText().strip();
    }

    private List<String> texts(By by) {
        return browser.findElements(by).stream().map(element -> element.getText().strip()).toList();
    }
}
