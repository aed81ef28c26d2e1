package io.webpaas.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.directory.ProjectAccess;
import io.webpaas.server.directory.Role;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.Browser;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.server.support.TotpCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's pages over real HTTP, as a browser without script sees them: each form with
 * its CSRF token, the services' refusals next to the field, secrets shown once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePagesTest {
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    TestUsers users;
    DirectoryFixture directory;
    Browser browser;

    @BeforeEach
    void setUp() {
        users = new TestUsers(context);
        directory = new DirectoryFixture(context);
        browser = new Browser(new ApiClient(port).baseUrl());
    }

    @Test
    void projectsEnvironmentsAndTheSshCommands() {
        TestUser alice = users.create();
        ProjectAccess project = directory.project(alice.user());
        String id = project.project().id();
        signIn(alice);

        Browser.Page projects = browser.get("/projects");
        assertThat(projects.status()).isEqualTo(200);
        assertThat(projects.body()).contains("Test project", id, "admin");
        assertThat(projects.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");

        Browser.Page environment = browser.get("/projects/" + id + "/environments/main");
        assertThat(environment.status()).isEqualTo(200);
        assertThat(environment.body())
                .contains(">SSH</summary>")
                .contains("ssh -p " + sshPort() + " " + id + "-main--app@127.0.0.1")
                .contains("webpaas ssh -p " + id + " -e main -A app")
                .contains("data-copy-target=\"cli-app\"")
                .doesNotContain("<script>");

        TestUser stranger = users.create();
        Browser other = new Browser(new ApiClient(port).baseUrl());
        signIn(other, stranger);
        assertThat(other.get("/projects/" + id).status()).as("another user's project").isEqualTo(404);
    }

    @Test
    void signingOutAndAnExpiredSessionLeadToTheLoginPage() throws Exception {
        TestUser alice = users.create();
        signIn(alice);
        Browser.Page projects = browser.get("/projects");
        Browser.Page out = browser.submit(projects, "/logout", Map.of());
        assertThat(out.location()).endsWith("/login?logout");
        assertThat(browser.get("/projects").location()).endsWith("/login");

        // A browser still holding the cookie of a session the server no longer knows.
        HttpResponse<String> expired = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(new ApiClient(port).baseUrl() + "/projects"))
                .header("Cookie", "JSESSIONID=" + "0".repeat(32)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(expired.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?expired"));
        assertThat(browser.get("/login?expired").body()).contains("Your session has expired");
    }

    @Test
    void accountKeysAreAddedWithTheirFingerprintsAndDeletedAfterAConfirmation() {
        TestUser alice = users.create();
        signIn(alice);
        OpenSsh ssh = new OpenSsh(dir);
        Path key = ssh.newKey("laptop");
        String publicKey = ssh.publicKey(key);
        String sha256 = ssh.fingerprint(key, "sha256");
        String wrapped = "  " + publicKey.substring(0, 40) + "\n  " + publicKey.substring(40) + "\n\n";

        Browser.Page refused = browser.submit(browser.get("/account/keys"), "/account/keys",
                Map.of("title", "my laptop", "key", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"key-error\"").contains("private key").contains("value=\"my laptop\"");

        Browser.Page added = browser.submit(refused, "/account/keys", Map.of("title", "my laptop", "key", wrapped));
        assertThat(added.location()).endsWith("/account/keys?added");
        Browser.Page list = browser.follow(added);
        assertThat(list.body()).contains("my laptop", sha256, ssh.fingerprint(key, "md5"), "never");

        Browser.Page duplicate = browser.submit(list, "/account/keys", Map.of("title", "again", "key", publicKey));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(HtmlUtils.htmlUnescape(duplicate.body())).contains("already registered to your account as 'my laptop'");

        String keyId = first(Pattern.compile("/account/keys/([0-9a-f-]{36})/delete"), list.body());
        Browser.Page confirm = browser.get("/account/keys/" + keyId + "/delete");
        assertThat(confirm.body()).contains("Delete SSH key?", sha256);
        assertThat(browser.submit(confirm, "/account/keys/" + keyId + "/delete", Map.of()).location())
                .endsWith("/account/keys?deleted");
        assertThat(browser.get("/account/keys").body()).doesNotContain(sha256);
    }

    @Test
    void projectKeysAreForAdminsAndShowTheUsernameAtHost() {
        TestUser alice = users.create();
        String id = directory.project(alice.user()).project().id();
        signIn(alice);
        Browser.Page settings = browser.get("/projects/" + id + "/settings");
        assertThat(settings.body()).contains(id + "@127.0.0.1");
        OpenSsh ssh = new OpenSsh(dir);
        Path key = ssh.newKey("deploy");
        Browser.Page added = browser.submit(settings, "/projects/" + id + "/settings/keys",
                Map.of("title", "deploy", "key", ssh.publicKey(key)));
        assertThat(added.location()).endsWith("/projects/" + id + "/settings?added");
        assertThat(browser.follow(added).body()).contains("deploy", ssh.fingerprint(key, "sha256"));

        TestUser bob = users.create();
        String contributorProject = directory.projectWith(bob.user(), Role.CONTRIBUTOR);
        Browser other = new Browser(new ApiClient(port).baseUrl());
        signIn(other, bob);
        Browser.Page forbidden = other.get("/projects/" + contributorProject + "/settings");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Only admins of project " + contributorProject);
    }

    @Test
    void totpIsEnrolledWithAQrCodeAndRecoveryCodesThatWorkOnceAtLogin() {
        TestUser alice = users.create();
        signIn(alice);
        Browser.Page enrollment = browser.submit(browser.get("/account/mfa"), "/account/mfa/enroll", Map.of());
        assertThat(enrollment.body()).contains("<svg", "QR code of the secret");
        String secret = first(Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<"), enrollment.body());
        long step = TotpCodes.currentStep();

        Browser.Page wrong = browser.submit(enrollment, "/account/mfa/confirm", Map.of("code", "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("does not match").doesNotContain(secret);

        Browser.Page confirmed = browser.submit(wrong, "/account/mfa/confirm", Map.of("code", TotpCodes.code(secret, step)));
        assertThat(confirmed.location()).endsWith("/account/mfa");
        Browser.Page codes = browser.follow(confirmed);
        assertThat(codes.body()).contains("enabled", "10</span> recovery codes left");
        Matcher recovery = Pattern.compile("<li>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</li>").matcher(codes.body());
        assertThat(recovery.find()).isTrue();
        String recoveryCode = recovery.group(1);
        assertThat(browser.get("/account/mfa").body()).as("shown once").doesNotContain(recoveryCode);

        browser.submit(codes, "/logout", Map.of());
        Browser.Page next = browser.submit(browser.get("/login"), "/login",
                Map.of("username", alice.username(), "password", alice.password()));
        assertThat(next.location()).endsWith("/login/totp");
        next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", recoveryCode.toUpperCase()));
        assertThat(next.location()).as("a recovery code instead of TOTP").doesNotContain("/login");
        assertThat(browser.get("/account/mfa").body()).contains("9</span> recovery codes left");

        Browser.Page mfa = browser.get("/account/mfa");
        Browser.Page disabled = browser.submit(mfa, "/account/mfa/disable", Map.of("code", TotpCodes.code(secret, step + 1)));
        assertThat(disabled.location()).endsWith("/account/mfa?disabled");
        assertThat(browser.follow(disabled).body()).contains("not enabled");
    }

    @Test
    void aFreshCodeReplacesTheRecoveryCodes() {
        TestUser bob = users.create();
        signIn(bob);
        Browser.Page enrollment = browser.submit(browser.get("/account/mfa"), "/account/mfa/enroll", Map.of());
        String secret = first(Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<"), enrollment.body());
        long step = TotpCodes.currentStep();
        Browser.Page confirmed = browser.submit(enrollment, "/account/mfa/confirm", Map.of("code", TotpCodes.code(secret, step)));
        Pattern recoveryCode = Pattern.compile("<li>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</li>");
        String old = first(recoveryCode, browser.follow(confirmed).body());

        Browser.Page reused = browser.submit(browser.get("/account/mfa"), "/account/mfa/recovery-codes",
                Map.of("code", TotpCodes.code(secret, step)));
        assertThat(reused.status()).as("the code that turned TOTP on").isEqualTo(400);
        assertThat(reused.body()).contains("does not match or was used already");
        Browser.Page replaced = browser.submit(reused, "/account/mfa/recovery-codes",
                Map.of("code", TotpCodes.code(secret, step + 1)));
        assertThat(replaced.location()).endsWith("/account/mfa");
        String fresh = first(recoveryCode, browser.follow(replaced).body());
        assertThat(fresh).isNotEqualTo(old);

        browser.submit(browser.get("/account/mfa"), "/logout", Map.of());
        Browser.Page next = browser.submit(browser.get("/login"), "/login",
                Map.of("username", bob.username(), "password", bob.password()));
        next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", old));
        assertThat(next.location()).as("an old code is gone").endsWith("/login/totp?error");
        next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", fresh));
        assertThat(next.location()).doesNotContain("/login");
        assertThat(browser.get("/account/mfa").body()).contains("9</span> recovery codes left");
    }

    @Test
    void apiTokensShowTheirSecretOnceAndAreRevoked() {
        TestUser alice = users.create();
        signIn(alice);
        Browser.Page page = browser.get("/account/tokens");
        Browser.Page nameless = browser.submit(page, "/account/tokens", Map.of("name", "  "));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.body()).contains("give the token a name");

        Browser.Page created = browser.submit(page, "/account/tokens", Map.of("name", "deploy script"));
        Browser.Page shown = browser.follow(created);
        String secret = first(Pattern.compile("id=\"token-secret\">(wpat_[A-Za-z0-9_-]+)<"), shown.body());
        assertThat(shown.body().split(Pattern.quote(secret), -1)).as("written once").hasSize(2);
        assertThat(browser.get("/account/tokens").body()).contains("deploy script").doesNotContain(secret);
        assertThat(users.exchange(secret).path("access_token").asString()).isNotBlank();

        String tokenId = first(Pattern.compile("id=\"token-([0-9a-f-]{36})\">\\s*<td>deploy script</td>"),
                browser.get("/account/tokens").body());
        Browser.Page revoked = browser.submit(shown, "/account/tokens/" + tokenId + "/revoke", Map.of());
        assertThat(revoked.location()).endsWith("/account/tokens?revoked");
        assertThat(browser.follow(revoked).body()).doesNotContain("deploy script");
    }

    @Test
    void organizationAdminsEnforceMfaAndTheAuditLogShowsIt() {
        TestUser alice = users.create();
        ProjectAccess project = directory.project(alice.user());
        signIn(alice);
        Browser.Page projects = browser.get("/projects");
        String organization = first(Pattern.compile("href=\"/organizations/([^\"]+)\""), projects.body());
        Browser.Page settings = browser.get("/organizations/" + organization);
        assertThat(settings.body()).contains("not enforced", "<strong>1</strong> members have not enrolled MFA");
        Browser.Page saved = browser.submit(settings, "/organizations/" + organization + "/mfa", Map.of("enforce", "true"));
        assertThat(browser.follow(saved).body()).contains("MFA over SSH is <strong>enforced</strong>");

        TestUser bob = users.create();
        Browser other = new Browser(new ApiClient(port).baseUrl());
        signIn(other, bob);
        assertThat(other.get("/organizations/" + organization).status()).isEqualTo(404);
        assertThat(other.get("/audit?project=" + project.project().id()).status()).isEqualTo(404);

        Browser.Page audit = browser.get("/audit?type=organization.enforce_mfa");
        assertThat(audit.body()).contains("organization.enforce_mfa", alice.username(), "enforce_mfa=true");
        assertThat(browser.get("/audit?project=" + project.project().id()).body()).contains("project.create");
    }

    private int sshPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("webpaas.ssh-port", "2222"));
    }

    private void signIn(TestUser user) {
        signIn(browser, user);
    }

    private static void signIn(Browser browser, TestUser user) {
        Browser.Page next = browser.submit(browser.get("/login"), "/login",
                Map.of("username", user.username(), "password", user.password()));
        assertThat(next.location()).doesNotContain("error");
    }

    private static String first(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as("%s in %s", pattern, body).isTrue();
        return matcher.group(1);
    }
}
