package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.directory.Role;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshServer;
import io.webpaas.server.support.TestUsers.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway's tests with a real OpenSSH {@code sshd} standing in for the runtime, as any sshd
 * that trusts the internal CA may: the gateway logs in as the local user running the tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "webpaas.gateway.upstream-user=${user.name}")
class GatewayToSshdTest extends GatewayTest {
    private static SshServer sshd;

    /** One sshd for the class; it needs this context's internal CA, hence not a static {@code @BeforeAll}. */
    @BeforeEach
    void startSshd() throws Exception {
        if (sshd == null) {
            sshd = SshServer.start(Files.createTempDirectory("gateway-upstream-sshd"),
                    authorities.published(AuthorityPurpose.INTERNAL, Instant.now()), System.getProperty("user.name"),
                    authorities.signer(AuthorityPurpose.HOST, Instant.now()), "127.0.0.1");
        }
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
            sshd = null;
        }
    }

    @Override
    AppHost upstream(boolean enforceMfa) {
        return new AppHost(enforceMfa, "127.0.0.1", sshd.port());
    }

    /** The sshd's sessions run as the local user, who may write the test's own scratch directory. */
    @Override
    String writableDirectory(String project) throws IOException {
        return Files.createTempDirectory(dir, project).toString();
    }

    @Test
    void sshdSeesAnInternalCertificateNamingTheEndUser() throws IOException {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);

        OpenSsh.Result result = client.ssh(certified(alice), project, "true");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(sshd.log()).contains("ID " + alice.user().uuid() + " (serial");
    }
}
