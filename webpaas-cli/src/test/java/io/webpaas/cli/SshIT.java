package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.cli.certificate.SshCertificate;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a login, the session's key pair and certificate, and plain OpenSSH through the ssh
 * configuration the CLI wrote: no flags, no host-key prompt, renewal by itself.
 */
class SshIT {
    @TempDir
    Path home;
    TestServer server;
    CliUser user;
    String app;

    @BeforeEach
    void logIn() {
        server = TestServer.get();
        app = server.appUsername();
        user = new CliUser(home, server);
        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        assertThat(login.exitCode()).as(login.toString()).isZero();
    }

    @Test
    void theSessionFilesArePrivateAndOpenSshReadsThem() throws Exception {
        Path ssh = user.sessionSshDir();
        for (String name : List.of("id_ed25519", "id_ed25519.pub", "id_ed25519-cert.pub", "expiry", "config",
                "known_hosts", "../session.json")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
        String publicKey = user.read(ssh.resolve("id_ed25519.pub"));
        assertThat(run("ssh-keygen", "-y", "-f", ssh.resolve("id_ed25519").toString()).stdout().split(" ")[1])
                .as("ssh-keygen derives the same public key from the private key file")
                .isEqualTo(publicKey.split(" ")[1]);
        String uuid = user.webpaas("auth:info", "uuid").stdout().strip();
        assertThat(run("ssh-keygen", "-L", "-f", ssh.resolve("id_ed25519-cert.pub").toString()).stdout())
                .contains("user certificate", "Key ID: \"" + uuid + "\"");

        assertThat(user.read(ssh.resolve("config")))
                .contains("Match host \"127.0.0.1\" exec \"" + CliUser.launcher()
                        + " ssh-cert:load --refresh-only --yes --quiet\"")
                .contains("Host 127.0.0.1\n  Port " + server.gatewayPort() + "\n")
                .contains("CertificateFile \"" + ssh.resolve("id_ed25519-cert.pub") + "\"")
                .contains("IdentityFile \"" + ssh.resolve("id_ed25519") + "\"");
        assertThat(user.read(ssh.resolve("known_hosts"))).startsWith("@cert-authority 127.0.0.1,[127.0.0.1]:"
                + server.gatewayPort() + " ssh-ed25519 ");
        assertThat(user.read(home.resolve(".ssh/config"))).contains("Include \"" + home.resolve(".webpaas/ssh/webpaas-cli.config") + "\"");

        Result info = user.webpaas("ssh-cert:info");
        assertThat(info.stdout()).contains("uuid@webpaas             " + uuid, "permit-pty", "token-id@webpaas");
    }

    @Test
    void plainSshScpAndGitCloneNeedNoFlags() throws Exception {
        String unique = "t" + UUID.randomUUID().toString().substring(0, 8);

        Result ssh = user.plain("ssh", app + "@127.0.0.1", "echo hello; hostname");
        assertThat(ssh.exitCode()).as(ssh.toString()).isZero();
        assertThat(ssh.stdout()).isEqualTo("hello\n" + app + "\n");

        Files.writeString(home.resolve("upload.txt"), "sent by scp\n");
        Result scp = user.plain("scp", "upload.txt", app + "@127.0.0.1:data/" + unique + ".txt");
        assertThat(scp.exitCode()).as(scp.toString()).isZero();
        assertThat(user.plain("ssh", app + "@127.0.0.1", "cat data/" + unique + ".txt").stdout()).isEqualTo("sent by scp\n");

        Result repository = user.plain("ssh", app + "@127.0.0.1", "git init -q data/" + unique
                + " && cd data/" + unique + " && echo hi > readme && git add readme"
                + " && git -c user.name=Test -c user.email=test@example.com commit -q -m first");
        assertThat(repository.exitCode()).as(repository.toString()).isZero();
        Result clone = user.plain("git", "clone", "-q", app + "@127.0.0.1:data/" + unique, "clone");
        assertThat(clone.exitCode()).as(clone.toString()).isZero();
        assertThat(user.read(home.resolve("clone/readme"))).isEqualTo("hi\n");
    }

    @Test
    void aGoodCertificateIsAnsweredByTheLauncherAloneWithoutAJvm() {
        Path certificate = user.sessionSshDir().resolve("id_ed25519-cert.pub");
        String issued = user.read(certificate);
        long validBefore = validBefore();
        assertThat(Long.parseLong(user.read(user.sessionSshDir().resolve("expiry")).strip()))
                .isEqualTo(validBefore - 120);

        // No PATH: the launcher's JVM path cannot even find dirname, so only its shell-builtin fast path can succeed.
        Result result = run(Map.of("PATH", "/nonexistent", "HOME", home.toString()), "/bin/bash",
                CliUser.launcher().toString(), "ssh-cert:load", "--refresh-only", "--yes", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout() + result.stderr()).isEmpty();
        assertThat(user.read(certificate)).isEqualTo(issued);
    }

    @Test
    void theCertificateRenewsItselfWhenSshNeedsIt() {
        long serial = serial();
        long renewAfter = Long.parseLong(user.read(user.sessionSshDir().resolve("expiry")).strip());
        long wait = renewAfter - Instant.now().getEpochSecond() + 1;
        assertThat(wait).as("the test server's certificates outlast the renewal margin a little")
                .isLessThanOrEqualTo(TestServer.CERTIFICATE_LIFETIME.toSeconds() - 120 + 1);
        sleep(Duration.ofSeconds(Math.max(0, wait)));

        Result ssh = user.plain("ssh", app + "@127.0.0.1", "echo still here");

        assertThat(ssh.exitCode()).as(ssh.toString()).isZero();
        assertThat(ssh.stdout()).isEqualTo("still here\n");
        assertThat(serial()).isNotEqualTo(serial);
        assertThat(validBefore()).isGreaterThan(renewAfter + 120);
    }

    @Test
    void newMakesANewKeyPairAndCertificate() {
        String publicKey = user.read(user.sessionSshDir().resolve("id_ed25519.pub"));
        long serial = serial();

        Result result = user.webpaas("ssh-cert:load", "--new");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("A new SSH certificate was issued");
        assertThat(user.read(user.sessionSshDir().resolve("id_ed25519.pub"))).isNotEqualTo(publicKey);
        assertThat(serial()).isNotEqualTo(serial);
        assertThat(user.plain("ssh", app + "@127.0.0.1", "true").exitCode()).isZero();
    }

    @Test
    void theKeyPairIsReplacedAfterItsLifetime() throws Exception {
        String publicKey = user.read(user.sessionSshDir().resolve("id_ed25519.pub"));
        Files.writeString(home.resolve(".webpaas/config"), "ssh-key-lifetime = 2s\n");
        sleep(Duration.ofSeconds(3));

        Result result = user.webpaas("ssh-cert:load");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("the key pair reached its lifetime");
        assertThat(user.read(user.sessionSshDir().resolve("id_ed25519.pub"))).isNotEqualTo(publicKey);
    }

    private SshCertificate certificate() {
        return SshCertificate.parse(user.read(user.sessionSshDir().resolve("id_ed25519-cert.pub")));
    }

    private long serial() {
        return certificate().serial();
    }

    private long validBefore() {
        return certificate().validBefore().getEpochSecond();
    }

    private static Result run(String... command) {
        return run(Map.of(), command);
    }

    private static Result run(Map<String, String> environment, String... command) {
        return CliUser.run(environment, command);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
