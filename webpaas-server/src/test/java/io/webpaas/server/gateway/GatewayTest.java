package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.directory.Role;
import io.webpaas.server.keys.KeyRegistry;
import io.webpaas.server.keys.NewKey;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshServer;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.sshca.CertificateSpec;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The gateway end to end: real {@code ssh}, {@code scp} and {@code sftp} against the gateway on
 * a free port, trusting it only through the host CA, with a real OpenSSH {@code sshd} that
 * trusts the internal CA standing in for the runtime.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "webpaas.gateway.upstream-user=${user.name}")
class GatewayTest {
    private static final String DENIED = "Permission denied (publickey)";
    private static SshServer runtime;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    GatewayServer gateway;
    @Autowired
    Authorities authorities;
    @Autowired
    UserAuthorities userAuthorities;
    @Autowired
    KeyRegistry keys;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    private ApiClient api;
    private TestUsers users;
    private DirectoryFixture directory;
    private OpenSsh openSsh;
    private GatewayClient client;
    private AppHost onRuntime;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        users = new TestUsers(context);
        directory = new DirectoryFixture(context);
        openSsh = new OpenSsh(dir);
        client = GatewayClient.trusting(gateway.port(), authorities("/ssh/host-authority"), dir);
        startRuntime();
        onRuntime = new AppHost(false, "127.0.0.1", runtime.port());
    }

    /** One sshd for the class, trusting the internal CA and letting the gateway in as the local user. */
    private void startRuntime() throws Exception {
        if (runtime == null) {
            Path runtimeDir = Files.createTempDirectory("gateway-runtime");
            runtime = SshServer.start(runtimeDir, authorities.published(AuthorityPurpose.INTERNAL, Instant.now()),
                    System.getProperty("user.name"), authorities.signer(AuthorityPurpose.HOST, Instant.now()),
                    "127.0.0.1");
        }
    }

    @AfterAll
    static void stopRuntime() throws Exception {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @Test
    void aCommandRunsOnTheRuntimeAndItsExitStatusComesBack() throws Exception {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.CONTRIBUTOR, onRuntime);
        GatewayClient.Credentials credentials = certified(alice);

        OpenSsh.Result result = client.ssh(credentials, project, "echo hello from $(hostname); exit 3");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("hello from");
        // the runtime saw the internal certificate naming the end user
        assertThat(runtime.log()).contains("ID " + alice.user().uuid());
        AuditEvent end = audit.find("ssh.session.end", alice.user().uuid(), project, 0, 1).getFirst();
        assertThat(end.detail()).containsEntry("exit_status", 3).containsEntry("request",
                "exec echo hello from $(hostname); exit 3");
        assertThat(((Number) end.detail().get("bytes_out")).longValue()).isGreaterThan(10);
        assertThat(audit.find("ssh.exec", alice.user().uuid(), project, 0, 1).getFirst().detail())
                .containsEntry("command", "echo hello from $(hostname); exit 3");
        AuditEvent auth = audit.find("ssh.auth", alice.user().uuid(), null, 0, 1).getFirst();
        assertThat(auth.outcome()).isEqualTo("success");
        assertThat(auth.detail()).containsEntry("method", "certificate")
                .containsEntry("fingerprint", openSsh.fingerprint(credentials.key(), "sha256"));
    }

    @Test
    void standardInputReachesTheRuntimeAndBytesAreCountedBothWays() {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.ADMIN, onRuntime);
        String input = "x".repeat(100_000);

        OpenSsh.Result result = client.sshWithInput(certified(alice), project, input, "wc -c");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo("100000");
        AuditEvent end = audit.find("ssh.session.end", alice.user().uuid(), project, 0, 1).getFirst();
        assertThat(((Number) end.detail().get("bytes_in")).longValue()).isEqualTo(100_000);
        assertThat(end.detail()).containsEntry("exit_status", 0).containsKey("duration_ms");
    }

    @Test
    void anInteractiveShellGetsATerminal() {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.CONTRIBUTOR, onRuntime);

        OpenSsh.Result result = client.shell(certified(alice), project, "tty; echo shell-$((6*7)); exit 7\n");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(7);
        assertThat(result.output()).contains("/dev/pts/").contains("shell-42");
    }

    @Test
    void scpCopiesUpAndDownAndSftpRunsABatch() throws Exception {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.CONTRIBUTOR, onRuntime);
        GatewayClient.Credentials credentials = certified(alice);
        Path local = Files.writeString(dir.resolve("up.txt"), "uploaded " + UUID.randomUUID());
        Path remote = Files.createTempDirectory("gateway-remote").resolve("copied.txt");

        assertThat(client.scp(credentials, local.toString(), project + "@127.0.0.1:" + remote).exitCode()).isZero();
        assertThat(remote).hasSameTextualContentAs(local);
        Path down = dir.resolve("down.txt");
        assertThat(client.scp(credentials, project + "@127.0.0.1:" + remote, down.toString()).exitCode()).isZero();
        assertThat(down).hasSameTextualContentAs(local);

        Path fetched = dir.resolve("fetched.txt");
        Path batch = Files.writeString(dir.resolve("batch"), "put " + local + " " + remote + ".sftp\n"
                + "ls " + remote.getParent() + "\nget " + remote + ".sftp " + fetched + "\n");
        OpenSsh.Result sftp = client.sftp(credentials, project, batch);
        assertThat(sftp.exitCode()).as(sftp.output()).isZero();
        assertThat(sftp.output()).contains("copied.txt.sftp");
        assertThat(fetched).hasSameTextualContentAs(local);
        assertThat(audit.find("ssh.session.start", alice.user().uuid(), project, 0, 10))
                .extracting(event -> event.detail().get("request")).contains("subsystem sftp");
    }

    @Test
    void aForwardedPortIsReachedThroughTheRuntimeAndAudited() {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.CONTRIBUTOR, onRuntime);
        String target = "127.0.0.1:" + runtime.port();

        // the runtime's own sshd answers at the far end of the tunnel with its banner
        OpenSsh.Result forwarded = client.forward(certified(alice), project, target);

        assertThat(forwarded.output()).startsWith("SSH-2.0-OpenSSH");
        assertThat(audit.find("ssh.forward", alice.user().uuid(), project, 0, 1).getFirst().detail())
                .containsEntry("to", target);
    }

    @Test
    void theUsersAgentIsForwardedToTheRuntime() throws Exception {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.CONTRIBUTOR, onRuntime);
        GatewayClient.Credentials credentials = certified(alice);
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
            OpenSsh.run("env", "SSH_AUTH_SOCK=" + socket, "ssh-add", "-q", credentials.key().toString());

            OpenSsh.Result listed = client.sshWithAgent(credentials, project, socket, "ssh-add -l");

            assertThat(listed.exitCode()).as(listed.output()).isZero();
            assertThat(listed.output()).contains(openSsh.fingerprint(credentials.key(), "sha256"));
            assertThat(audit.find("ssh.agent_forward", alice.user().uuid(), project, 0, 1)).hasSize(1);
        } finally {
            agent.destroy();
        }
    }

    @Test
    void aRefusedUserCannotForwardPorts() {
        TestUser viewer = users.create();
        String project = directory.projectWith(viewer.user(), Role.VIEWER, onRuntime);

        OpenSsh.Result refused = client.forward(certified(viewer), project, "127.0.0.1:" + runtime.port());

        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.output()).contains("stdio forwarding failed").doesNotContain("SSH-2.0");
        AuditEvent event = audit.find("ssh.forward", viewer.user().uuid(), null, 0, 1).getFirst();
        assertThat(event.outcome()).isEqualTo("failure");
        assertThat(event.detail()).containsEntry("reason", "port forwarding is not permitted");
    }

    @Test
    void aViewerIsRefusedWithTheMessageAndExitStatusOne() {
        TestUser viewer = users.create();
        String project = directory.projectWith(viewer.user(), Role.VIEWER, onRuntime);

        OpenSsh.Result result = client.ssh(certified(viewer), project, "true");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Error: Access denied\nService: " + project + "-main--app\nUser: "
                + viewer.username() + " (" + viewer.user().uuid() + ")\nParameters: {}\nDetail: Your role on project "
                + project + " is viewer");
        assertThat(audit.find("ssh.access", viewer.user().uuid(), null, 0, 1).getFirst().outcome())
                .isEqualTo("failure");
    }

    @Test
    void anOrganizationThatEnforcesMfaAdmitsOnlyCertificatesWithMfa() {
        AppHost mfaOnly = new AppHost(true, "127.0.0.1", runtime.port());
        TestUser without = users.create();
        TestUser with = users.createWithMfa();
        String project = directory.projectWith(with.user(), Role.ADMIN, mfaOnly);
        directory.administration().setMember(DirectoryFixture.actor(with.user()), project, without.username(),
                "contributor");

        OpenSsh.Result refused = client.ssh(certified(without), project, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied\nService: " + project + "-main--app\nUser: "
                + without.username() + " (" + without.user().uuid() + ")\nParameters: {\"amr\":[\"mfa\"]}\n"
                + "Detail: Additional authentication is required:\n\t - Multifactor authentication (MFA)");

        assertThat(client.ssh(certified(with), project, "exit 0").exitCode()).isZero();

        GatewayClient.Credentials key = accountKey(with);
        OpenSsh.Result keyRefused = client.ssh(key, project, "true");
        assertThat(keyRefused.exitCode()).isEqualTo(1);
        assertThat(keyRefused.output()).contains("Multifactor authentication (MFA)")
                .contains("log in with MFA");
    }

    @Test
    void anAccountKeyReachesTheProjectsOfItsOwnerOnly() {
        TestUser bob = users.create();
        String member = directory.projectWith(bob.user(), Role.CONTRIBUTOR, onRuntime);
        String stranger = directory.projectWith(users.create().user(), Role.ADMIN, onRuntime);
        GatewayClient.Credentials key = accountKey(bob);

        OpenSsh.Result admitted = client.ssh(key, member, "exit 5");
        assertThat(admitted.exitCode()).as(admitted.output()).isEqualTo(5);
        OpenSsh.Result refused = client.ssh(key, stranger, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied").contains("is registered neither to project "
                + stranger);

        String fingerprint = openSsh.fingerprint(key.key(), "sha256");
        assertThat(keys.findBySha256Fingerprint(fingerprint).getFirst().lastUsedAt()).isNotNull();
        assertThat(audit.find("ssh.auth", bob.user().uuid(), null, 0, 1).getFirst().detail())
                .containsEntry("method", "key").containsEntry("fingerprint", fingerprint);
    }

    @Test
    void aProjectKeyReachesItsProjectOnly() {
        TestUser admin = users.create();
        String project = directory.projectWith(admin.user(), Role.ADMIN, onRuntime);
        String other = directory.projectWith(admin.user(), Role.ADMIN, onRuntime);
        Path key = openSsh.newKey("deploy");
        keys.addProjectKey(DirectoryFixture.actor(admin.user()), project, new NewKey("deploy", openSsh.publicKey(key)));
        GatewayClient.Credentials credentials = new GatewayClient.Credentials(key, null);

        assertThat(client.ssh(credentials, project, "exit 0").exitCode()).isZero();
        OpenSsh.Result refused = client.ssh(credentials, other, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied");
    }

    @Test
    void anUnknownKeyAForeignCaAndAnExpiredCertificateGetPermissionDenied() throws Exception {
        TestUser carol = users.create();
        String project = directory.projectWith(carol.user(), Role.ADMIN, onRuntime);
        String uuid = carol.user().uuid().toString();

        Path unknown = openSsh.newKey("unknown");
        assertDenied(client.ssh(new GatewayClient.Credentials(unknown, null), project, "true"));

        Path foreignCa = openSsh.newKey("foreign-ca");
        Path forged = openSsh.newKey("forged");
        OpenSsh.run("ssh-keygen", "-q", "-s", foreignCa.toString(), "-I", uuid, "-n", uuid, "-V", "-5m:+1h",
                "-O", "extension:uuid@webpaas=" + uuid, OpenSsh.publicKeyFile(forged).toString());
        assertDenied(client.ssh(new GatewayClient.Credentials(forged, Path.of(forged + "-cert.pub")), project, "true"));

        Path expired = openSsh.newKey("expired");
        Instant now = Instant.now();
        String certificate = SshCertificates.format(authorities.signer(AuthorityPurpose.USER, now).sign(
                CertificateSpec.user(SshPublicKey.parse(openSsh.publicKey(expired)).publicKey(), uuid, List.of(uuid),
                        now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), 7,
                        Map.of("uuid@webpaas", uuid, "access@webpaas", "{\"" + project + "\":\"admin\"}"))));
        Path expiredCertificate = openSsh.writeCertificate(expired, certificate);
        assertDenied(client.ssh(new GatewayClient.Credentials(expired, expiredCertificate), project, "true"));

        assertThat(audit.find("ssh.auth", null, null, 0, 50)).filteredOn(event -> event.outcome().equals("failure"))
                .extracting(event -> (String) event.detail().get("reason"))
                .anyMatch(reason -> reason.contains("untrusted CA"))
                .anyMatch(reason -> reason.startsWith("expired at"))
                .anyMatch(reason -> reason.contains("is not registered"));
    }

    @Test
    void aConnectionGetsSixAuthenticationAttempts() {
        TestUser erin = users.create();
        String project = directory.projectWith(erin.user(), Role.ADMIN, onRuntime);
        List<Path> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            unknown.add(openSsh.newKey("guess-" + i));
        }
        unknown.add(accountKey(erin).key());

        OpenSsh.Result result = client.sshOffering(unknown, project);

        // the registered key comes eighth, after the gateway has hung up
        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).containsIgnoringCase("too many authentication failures");
    }

    @Test
    void staffNeedTheGatewaysRegionAndTheirTicketIsAudited() {
        TestUser staff = users.createStaff();
        String project = directory.projectWith(users.create().user(), Role.ADMIN, onRuntime);

        OpenSsh.Result elsewhere = client.ssh(staffCertificate(staff, "elsewhere", "T-1"), project, "true");
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.output()).contains("Error: Access denied").contains("for region elsewhere");

        String ticket = "T-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.ssh(staffCertificate(staff, "local", ticket), project, "exit 0").exitCode()).isZero();
        assertThat(audit.find("ssh.access", staff.user().uuid(), project, 0, 1).getFirst().detail())
                .containsEntry("ticket", ticket).containsEntry("region", "local");
    }

    @Test
    void certificateUsersKeepWorkingWhenTheAuthorityCannotBeFetched() {
        TestUser dave = users.create();
        String project = directory.projectWith(dave.user(), Role.CONTRIBUTOR, onRuntime);
        GatewayClient.Credentials credentials = certified(dave);
        try {
            userAuthorities.fetchFrom(URI.create("http://127.0.0.1:1/ssh/authority"));
            assertThat(userAuthorities.refresh()).isFalse();

            assertThat(client.ssh(credentials, project, "exit 0").exitCode()).isZero();
        } finally {
            userAuthorities.fetchFrom(URI.create(api.baseUrl() + "/ssh/authority"));
            assertThat(userAuthorities.refresh()).isTrue();
        }
    }

    private static void assertDenied(OpenSsh.Result result) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(255);
        assertThat(result.output()).contains(DENIED).doesNotContain("Access denied");
    }

    private GatewayClient.Credentials certified(TestUser user) {
        return certificate(user, Map.of());
    }

    private GatewayClient.Credentials staffCertificate(TestUser staff, String region, String ticket) {
        return certificate(staff, Map.of("region", region, "ticket", ticket));
    }

    private GatewayClient.Credentials certificate(TestUser user, Map<String, String> fields) {
        return GatewayClient.Credentials.certified(api, openSsh, user.accessToken(), fields);
    }

    private GatewayClient.Credentials accountKey(TestUser user) {
        Path key = openSsh.newKey("account-" + UUID.randomUUID());
        keys.addAccountKey(DirectoryFixture.actor(user.user()), new NewKey("laptop", openSsh.publicKey(key)));
        return new GatewayClient.Credentials(key, null);
    }

    private List<String> authorities(String path) {
        return api.get(path, null).json().path("authorities").valueStream().map(node -> node.asString()).toList();
    }
}
