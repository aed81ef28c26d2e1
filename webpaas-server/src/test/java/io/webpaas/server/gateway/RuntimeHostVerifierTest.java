package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.directory.Role;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshServer;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.sshca.CertificateAuthority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The gateway hands a session only to an upstream whose host key is certified by the host CA
 * for the host it dialled: real OpenSSH {@code sshd}s stand in for runtimes, certified rightly,
 * by another CA, for another host, or not at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"webpaas.gateway.upstream-user=${user.name}", "webpaas.gateway.key-cache=3s"})
@ExtendWith(OutputCaptureExtension.class)
class RuntimeHostVerifierTest {
    private static final String UNREACHABLE = "Error: the app's runtime cannot be reached right now; try again later";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Authorities authorities;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    private ApiClient api;
    private GatewayClient client;
    private TestUser user;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        user = new TestUsers(context).create();
        client = GatewayClient.of(context, api, dir);
    }

    @Test
    void anUpstreamCertifiedByTheHostCaForTheDialledHostIsAdmitted() throws Exception {
        try (SshServer sshd = upstream("certified", ca(AuthorityPurpose.HOST), "127.0.0.1")) {
            String project = projectOn(sshd);

            OpenSsh.Result result = client.ssh(certified(), project, "exit 4");

            assertThat(result.exitCode()).as(result.output()).isEqualTo(4);
        }
    }

    @Test
    void anUpstreamWithoutAHostCertificateIsRefused(CapturedOutput log) throws Exception {
        try (SshServer sshd = upstream("plain", null, null)) {
            assertRefused(sshd, "no host certificate");
            assertThat(log.getOut()).contains("refused the runtime 127.0.0.1 at", "no host certificate");
        }
    }

    @Test
    void anUpstreamCertifiedByAnotherCaIsRefused(CapturedOutput log) throws Exception {
        CertificateAuthority userCa = ca(AuthorityPurpose.USER);
        try (SshServer sshd = upstream("foreign", userCa, "127.0.0.1")) {
            assertRefused(sshd, "signed by an untrusted CA");
            assertThat(log.getOut()).contains("refused the runtime 127.0.0.1 at", "signed by an untrusted CA");
        }
    }

    @Test
    void anUpstreamCertifiedForAnotherHostIsRefused(CapturedOutput log) throws Exception {
        try (SshServer sshd = upstream("elsewhere", ca(AuthorityPurpose.HOST), "runtime.elsewhere")) {
            assertRefused(sshd, "invalid principal 127.0.0.1");
            assertThat(log.getOut()).contains("invalid principal 127.0.0.1");
        }
    }

    /** The user sees the refusal, the upstream never saw the gateway log in, and the project's audit log says why. */
    private void assertRefused(SshServer sshd, String reason) throws Exception {
        String project = projectOn(sshd);

        OpenSsh.Result result = client.ssh(certified(), project, "true");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(255);
        assertThat(result.output()).contains(UNREACHABLE);
        assertThat(sshd.log()).doesNotContain("Accepted publickey");
        AuditEvent end = audit.find("ssh.session.end", user.user().uuid(), project, 0, 1).getFirst();
        assertThat(end.outcome()).isEqualTo("failure");
        assertThat(end.detail().get("error")).asString().startsWith("runtime unreachable: ").contains(reason);
    }

    private SshServer upstream(String name, CertificateAuthority hostCa, String hostname) throws Exception {
        List<String> internalCa = authorities.published(AuthorityPurpose.INTERNAL, Instant.now());
        return SshServer.start(Files.createDirectories(dir.resolve(name)), internalCa,
                System.getProperty("user.name"), hostCa, hostname);
    }

    private CertificateAuthority ca(AuthorityPurpose purpose) {
        return authorities.signer(purpose, Instant.now());
    }

    /** A certificate issued now, so its access document has the projects made before. */
    private GatewayClient.Credentials certified() {
        return GatewayClient.Credentials.certified(api, new OpenSsh(dir), user.accessToken(), Map.of());
    }

    private String projectOn(SshServer sshd) {
        return new DirectoryFixture(context).projectWith(user.user(), Role.CONTRIBUTOR,
                new AppHost(false, "127.0.0.1", sshd.port()));
    }
}
