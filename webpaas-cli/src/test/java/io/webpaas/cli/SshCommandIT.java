package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.cli.support.BrowserLogin;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.DemoAdmin;
import io.webpaas.cli.support.LoginBrowser;
import io.webpaas.cli.support.RunningCommand;
import io.webpaas.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webpaas ssh} against the real server and OpenSSH: choosing project, environment and
 * app from numbered lists in a real terminal, the options, {@code --pipe}, {@code --all}, the
 * message without a terminal, and what it says when SSH is refused.
 */
class SshCommandIT {
    @TempDir
    Path home;
    TestServer server;
    DemoAdmin admin;
    CliUser user;
    String project;

    /** Logged in as demo, then a project of its own (so the certificate predates it) with two environments and apps. */
    @BeforeEach
    void setUp() {
        server = TestServer.get();
        admin = new DemoAdmin(server);
        user = new CliUser(home, server);
        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        project = admin.project(DemoAdmin.unique("ssh "));
        admin.environment(project, "staging");
        for (String environment : new String[] {"main", "staging"}) {
            admin.app(project, environment, "one", Map.of());
            admin.app(project, environment, "two", Map.of());
        }
    }

    @Test
    void missingValuesAreChosenFromNumberedListsInATerminal() {
        try (RunningCommand ssh = user.startInTerminal("ssh", "hostname")) {
            ssh.awaitStdout(Pattern.compile("Project \\[1-\\d+\\]: "));
            ssh.type(number(ssh, Pattern.compile("\\[(\\d+)\\] " + project + " \\(ssh ")) + "\n");
            ssh.awaitStdout(Pattern.compile("Environment \\[1-2, Enter for 1\\]: "));
            ssh.type(number(ssh, Pattern.compile("\\[(\\d+)\\] staging")) + "\n");
            ssh.awaitStdout(Pattern.compile("App \\[1-2, Enter for 1\\]: "));
            ssh.type(number(ssh, Pattern.compile("\\[(\\d+)\\] two")) + "\n");

            Result result = ssh.finish();

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout())
                    .contains("Enter a number to choose a project:", "[1] main (default)", "[1] one (default)")
                    .contains("Your SSH certificate predates your role admin on project " + project)
                    .contains(project + "-staging--two\r\n");
        }
    }

    @Test
    void withAllOptionsItRunsTheCommandAndExitsWithItsStatus() {
        Result hostname = user.webpaas("ssh", "-p", project, "-e", "staging", "-A", "one", "hostname");
        assertThat(hostname.exitCode()).as(hostname.toString()).isZero();
        assertThat(hostname.stdout()).isEqualTo(project + "-staging--one\n");

        Result options = user.webpaas("ssh", "--project", project, "--environment", "main", "--app", "two",
                "ls", "-ld", "/");
        assertThat(options.exitCode()).as("the remote command's own options are not the CLI's: " + options).isZero();
        assertThat(options.stdout()).startsWith("d");

        assertThat(user.webpaas("ssh", "-p", project, "-e", "main", "-A", "one", "exit 7").exitCode()).isEqualTo(7);
    }

    @Test
    void pipePrintsTheDestinationAndAllEveryApp() {
        Result pipe = user.webpaas("ssh", "--pipe", "-p", project, "-e", "staging", "-A", "two");
        assertThat(pipe.exitCode()).as(pipe.toString()).isZero();
        assertThat(pipe.stdout()).isEqualTo(project + "-staging--two@127.0.0.1\n");

        Result all = user.webpaas("ssh", "--all", "-p", project, "-e", "main");
        assertThat(all.stdout()).isEqualTo("ssh://" + project + "-main--one@127.0.0.1:" + server.gatewayPort() + "\n"
                + "ssh://" + project + "-main--two@127.0.0.1:" + server.gatewayPort() + "\n");
        assertThat(user.webpaas("ssh", "--all", "--pipe", "-p", project, "-e", "main").stdout())
                .isEqualTo(project + "-main--one@127.0.0.1\n" + project + "-main--two@127.0.0.1\n");
    }

    @Test
    void withoutATerminalItSaysWhichOptionIsRequired() {
        Result environment = user.webpaas("ssh", "-p", project, "true");
        assertThat(environment.exitCode()).isEqualTo(1);
        assertThat(environment.stderr()).isEqualTo("Specify the environment with --environment (-e); there is no"
                + " terminal to choose from. Choices: main, staging\n");

        Result app = user.webpaas("ssh", "-p", project, "-e", "main", "true");
        assertThat(app.stderr()).contains("Specify the app with --app (-A)", "Choices: one, two");

        Result wrong = user.webpaas("ssh", "-p", project, "-e", "nope", "true");
        assertThat(wrong.stderr()).contains("Project " + project + " has no active environment nope; it has: main, staging");
    }

    @Test
    void aViewerIsToldWhichProjectAndRoleBeforeAnyConnection() throws Exception {
        server.appUsername();
        Files.createDirectories(home.resolve("viewer"));
        CliUser viewer = new CliUser(home.resolve("viewer"), server);
        Result login = BrowserLogin.logIn(viewer, server, "viewer", server.viewerPassword());
        assertThat(login.exitCode()).as(login.toString()).isZero();

        Result ssh = viewer.webpaas("ssh", "-p", server.demoProject(), "-e", "main", "-A", "cli", "true");

        assertThat(ssh.exitCode()).isEqualTo(1);
        assertThat(ssh.stderr()).isEqualTo("No SSH access: your role on project " + server.demoProject()
                + " is viewer; SSH needs the contributor or admin role. Ask an admin of the project to change it.\n");
    }

    /** Organization demo made to enforce MFA in the console: a login without MFA is told so before any connection. */
    @Test
    void aLoginWithoutMfaIsToldToLogInWithMfaWhereTheOrganizationDemandsIt() {
        LoginBrowser console = new LoginBrowser(server.apiUrl());
        console.follow(console.logIn(console.get("/login"), "demo", server.demoPassword()));
        enforceMfa(console, true);
        try {
            Result ssh = user.webpaas("ssh", "-p", project, "-e", "main", "-A", "one", "true");

            assertThat(ssh.exitCode()).as(ssh.toString()).isEqualTo(1);
            assertThat(ssh.stderr()).endsWith("Project " + project + " requires multifactor authentication (MFA)"
                    + " for SSH, and you logged in without it. Enroll TOTP in the console if you have not,"
                    + " then log in again with your code: webpaas login\n");
        } finally {
            enforceMfa(console, false);
        }
        assertThat(user.webpaas("ssh", "-p", project, "-e", "main", "-A", "one", "true").exitCode()).isZero();
    }

    private static void enforceMfa(LoginBrowser console, boolean enforce) {
        LoginBrowser.Page settings = console.get("/organizations/demo");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        LoginBrowser.Page saved = console.submit(settings, "/organizations/demo/mfa", Map.of("enforce", String.valueOf(enforce)));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
    }

    /** A certificate the gateway does not trust (another CA) makes ssh exit 255; the CLI replaces it and says so. */
    @Test
    void aCertificateTheGatewayRefusesIsReplacedAndTheUserTold() throws Exception {
        assertThat(user.webpaas("ssh", "-p", project, "-e", "main", "-A", "one", "true").exitCode()).isZero();
        Path ssh = user.sessionSshDir();
        String uuid = user.webpaas("auth:info", "uuid").stdout().strip();
        String tokenId = info("token-id@webpaas");
        Path forged = home.resolve("forged");
        Files.createDirectories(forged);
        Files.copy(ssh.resolve("id_ed25519.pub"), forged.resolve("key.pub"));
        assertThat(CliUser.run(Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                forged.resolve("ca").toString()).exitCode()).isZero();
        Result sign = CliUser.run(Map.of(), "ssh-keygen", "-q", "-s", forged.resolve("ca").toString(), "-I", uuid,
                "-n", uuid, "-V", "-1m:+1h", "-O", "extension:uuid@webpaas=" + uuid,
                "-O", "extension:token-id@webpaas=" + tokenId,
                "-O", "extension:access@webpaas={\"" + project + "\":\"admin\"}", forged.resolve("key.pub").toString());
        assertThat(sign.exitCode()).as(sign.toString()).isZero();
        Files.copy(forged.resolve("key-cert.pub"), ssh.resolve("id_ed25519-cert.pub"),
                StandardCopyOption.REPLACE_EXISTING);

        Result refused = user.webpaas("ssh", "-p", project, "-e", "main", "-A", "one", "true");

        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stderr()).contains("Permission denied (publickey)",
                "Your SSH certificate was signed by a certificate authority the gateway does not trust (any more);"
                        + " a new one was loaded (valid until ",
                "Please run the command again.");
        assertThat(user.read(ssh.resolve("id_ed25519-cert.pub"))).isNotEqualTo(user.read(forged.resolve("key-cert.pub")));
        Result again = user.webpaas("ssh", "-p", project, "-e", "main", "-A", "one", "true");
        assertThat(again.exitCode()).as(again.toString()).isZero();
    }

    private String info(String field) {
        return user.webpaas("ssh-cert:info").stdout().lines().filter(line -> line.startsWith(field + " "))
                .map(line -> line.substring(field.length()).strip()).findFirst().orElseThrow();
    }

    private static String number(RunningCommand command, Pattern line) {
        return command.awaitStdout(line).group(1);
    }
}
