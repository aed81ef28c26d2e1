package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webpaas.cli.api.Json;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Account keys through the CLI, and plain {@code ssh -i} with such a key (no certificate) through the gateway. */
class SshKeyIT {
    @TempDir
    Path home;
    TestServer server;
    CliUser user;

    @BeforeEach
    void logIn() {
        server = TestServer.get();
        user = new CliUser(home, server);
        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        assertThat(login.exitCode()).as(login.toString()).isZero();
    }

    @Test
    void anAddedKeyReachesTheAppUntilItIsDeleted() throws Exception {
        Path key = home.resolve("ci_key");
        assertThat(CliUser.run(Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ci@example",
                "-f", key.toString()).exitCode()).isZero();
        String title = "ci " + UUID.randomUUID();

        Result add = user.webpaas("ssh-key:add", key + ".pub", "--title", title);

        assertThat(add.exitCode()).as(add.toString()).isZero();
        String id = add.stdout().strip();
        String fingerprint = CliUser.run(Map.of(), "ssh-keygen", "-lf", key + ".pub").stdout().split(" ")[1];
        assertThat(add.stderr()).contains("Added the SSH key " + title + " (" + fingerprint + ") with ID " + id);
        Result list = user.webpaas("ssh-key:list");
        assertThat(list.stdout()).contains(id, title, "ssh-ed25519", fingerprint, "never");
        JsonNode keys = Json.MAPPER.readTree(user.webpaas("ssh-key:list", "--format", "json").stdout());
        assertThat(keys.valueStream().filter(each -> each.get("id").asString().equals(id)).findFirst())
                .hasValueSatisfying(each -> assertThat(each.get("fingerprint_sha256").asString()).isEqualTo(fingerprint));

        Result ssh = keySsh(key);
        assertThat(ssh.exitCode()).as(ssh.toString()).isZero();
        assertThat(ssh.stdout()).isEqualTo("by key\n");

        Result delete = user.webpaas("ssh-key:delete", fingerprint);
        assertThat(delete.exitCode()).as(delete.toString()).isZero();
        assertThat(user.webpaas("ssh-key:list").stdout()).doesNotContain(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Result refused = keySsh(key);
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.stderr()).contains("Permission denied (publickey)");
        });
        assertThat(user.webpaas("ssh-key:delete", id).stderr()).contains("Your account has no SSH key " + id);
    }

    @Test
    void aKeyIsReadFromStandardInputAndAPrivateKeyRefused() throws Exception {
        Path key = home.resolve("piped");
        CliUser.run(Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "piped@example", "-f", key.toString());

        Result add = CliUser.run(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString(),
                "WEBPAAS_API_URL", server.apiUrl()), "sh", "-c", "'" + CliUser.launcher() + "' ssh-key:add < '" + key + ".pub'");
        assertThat(add.exitCode()).as(add.toString()).isZero();
        assertThat(add.stderr()).contains("Added the SSH key piped@example");
        assertThat(user.webpaas("ssh-key:delete", add.stdout().strip()).exitCode()).isZero();

        Result secret = user.webpaas("ssh-key:add", key.toString());
        assertThat(secret.exitCode()).isEqualTo(1);
        assertThat(secret.stderr()).isEqualTo("That is a private key: give the public one (the .pub file).\n");
    }

    /** Plain OpenSSH with only the key: no config file, no certificate, no agent. */
    private Result keySsh(Path key) {
        return CliUser.run(Map.of("PATH", System.getenv("PATH"), "HOME", home.toString()), "ssh", "-F", "/dev/null",
                "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + user.sessionSshDir().resolve("known_hosts"),
                "-p", String.valueOf(server.gatewayPort()), server.appUsername() + "@127.0.0.1", "echo by key");
    }
}
