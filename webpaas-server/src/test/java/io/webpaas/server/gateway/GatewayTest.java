package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.Relationship;
import io.webpaas.server.directory.Role;
import io.webpaas.server.keys.KeyRegistry;
import io.webpaas.server.keys.NewKey;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshAgent;
import io.webpaas.server.support.TerminalClient;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.Tunnel;
import io.webpaas.sshca.CertificateSpec;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What a user does with the real OpenSSH tools through the gateway, whatever runs behind it:
 * {@code ssh}, {@code scp}, {@code sftp}, {@code rsync}, {@code git}, {@code psql} through
 * {@code ssh -L}, {@code ssh -A}, and every way in or out of the gateway's policy. The client
 * trusts the gateway only through the host CA. Each subclass names the upstream its apps run on
 * (this server's runtime, or an OpenSSH {@code sshd} that trusts the internal CA) and adds the
 * tests that hold for that upstream only.
 */
abstract class GatewayTest {
    private static final String DENIED = "Permission denied (publickey)";
    /** The machine's PostgreSQL, which the tests' {@code database} relationship names. */
    private static final Relationship DATABASE = new Relationship("pgsql", "127.0.0.1", 5432, "postgres", "webpaas",
            "webpaas");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    GatewayServer gateway;
    @Autowired
    Authorities authorities;
    @Autowired
    KeyRegistry keys;
    @Autowired
    AuditLog audit;
    @Autowired
    WebpaasProperties webpaas;
    @TempDir
    Path dir;

    ApiClient api;
    TestUsers users;
    DirectoryFixture directory;
    OpenSsh openSsh;
    GatewayClient client;

    /** Where the apps of this class's projects run: the upstream under test. */
    abstract AppHost upstream(boolean enforceMfa);

    /** A directory that sessions on {@code project} may write: relative to the session's home, or absolute. */
    abstract String writableDirectory(String project) throws IOException;

    @BeforeEach
    void setUpClient() throws IOException {
        api = new ApiClient(port);
        users = new TestUsers(context);
        directory = new DirectoryFixture(context);
        openSsh = new OpenSsh(dir);
        client = GatewayClient.of(context, api, dir);
    }

    @Test
    void aCommandsOutputAndExitStatusComeBackAndAreAudited() {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(alice);

        OpenSsh.Result result = client.ssh(credentials, project, "echo out; echo err >&2; exit 3");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output().lines()).containsExactlyInAnyOrder("out", "err");
        AuditEvent end = audit.find("ssh.session.end", alice.user().uuid(), project, 0, 1).getFirst();
        assertThat(end.detail()).containsEntry("exit_status", 3)
                .containsEntry("request", "exec echo out; echo err >&2; exit 3");
        assertThat(((Number) end.detail().get("bytes_out")).longValue()).isEqualTo("out\nerr\n".length());
        assertThat(audit.find("ssh.exec", alice.user().uuid(), project, 0, 1).getFirst().detail())
                .containsEntry("command", "echo out; echo err >&2; exit 3");
        AuditEvent auth = audit.find("ssh.auth", alice.user().uuid(), null, 0, 1).getFirst();
        assertThat(auth.outcome()).isEqualTo("success");
        assertThat(auth.detail()).containsEntry("method", "certificate")
                .containsEntry("fingerprint", openSsh.fingerprint(credentials.key(), "sha256"));
    }

    @Test
    void standardInputReachesTheUpstreamAndBytesAreCountedBothWays() {
        TestUser alice = users.create();
        String project = project(alice, Role.ADMIN);
        String input = "x".repeat(100_000);

        OpenSsh.Result result = client.sshWithInput(certified(alice), project, input, "wc -c");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo("100000");
        AuditEvent end = audit.find("ssh.session.end", alice.user().uuid(), project, 0, 1).getFirst();
        assertThat(((Number) end.detail().get("bytes_in")).longValue()).isEqualTo(100_000);
        assertThat(end.detail()).containsEntry("exit_status", 0).containsKey("duration_ms");
    }

    @Test
    void aTerminalFollowsTheWindowSizeAndCtrlCInterruptsTheForegroundProcess() throws Exception {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);

        try (TerminalClient terminal = client.terminal(certified(alice), project, 80, 24)) {
            terminal.type("stty size\r");
            terminal.await("24 80\r\n");

            // a foreground process that prints the size when the kernel tells it the window changed
            terminal.type("sh -c 'trap \"stty size; exit\" WINCH; echo watching-$((6*7)); "
                    + "while sleep 0.1; do :; done'\r");
            terminal.await("watching-42");
            terminal.resize(132, 40);
            terminal.await("40 132\r\n");

            // typed Ctrl-C reaches the remote terminal, whose kernel interrupts the foreground process
            terminal.type("sh -c 'echo sleeping-$((6*7)); exec sleep 30'\r");
            terminal.await("sleeping-42");
            terminal.type("\u0003");
            terminal.type("echo status-$?\r");
            terminal.await("status-130");

            terminal.type("exit 7\r");
            assertThat(terminal.exitCode()).isEqualTo(7);
        }
        AuditEvent end = audit.find("ssh.session.end", alice.user().uuid(), project, 0, 1).getFirst();
        assertThat(end.detail()).containsEntry("request", "shell").containsEntry("exit_status", 7);
    }

    @Test
    void scpCopiesUpAndDownInBothModesAndSftpRunsABatch() throws Exception {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(alice);
        String writable = writableDirectory(project);
        String remote = project + "@127.0.0.1:" + writable;
        Path local = Files.writeString(dir.resolve("up.txt"), "uploaded " + UUID.randomUUID() + "\n");

        assertThat(client.scp(credentials, local.toString(), remote + "/by-sftp-mode.txt").exitCode()).isZero();
        assertThat(client.scp(credentials, "-O", local.toString(), remote + "/by-legacy.txt").exitCode()).isZero();
        assertThat(client.scp(credentials, remote + "/by-legacy.txt", dir.resolve("down-sftp-mode.txt").toString())
                .exitCode()).isZero();
        assertThat(client.scp(credentials, "-O", remote + "/by-sftp-mode.txt", dir.resolve("down-legacy.txt")
                .toString()).exitCode()).isZero();
        Path batch = Files.writeString(dir.resolve("batch"), String.join("\n", "put " + local + " " + writable
                + "/by-sftp.txt", "ls " + writable, "get " + writable + "/by-sftp.txt " + dir.resolve("fetched.txt"), ""));
        OpenSsh.Result sftp = client.sftp(credentials, project, batch);

        for (String file : List.of("down-sftp-mode.txt", "down-legacy.txt", "fetched.txt")) {
            assertThat(dir.resolve(file)).hasSameTextualContentAs(local);
        }
        assertThat(sftp.exitCode()).as(sftp.output()).isZero();
        assertThat(sftp.output()).contains("by-sftp-mode.txt", "by-legacy.txt", "by-sftp.txt");
        assertThat(audit.find("ssh.session.start", alice.user().uuid(), project, 0, 10))
                .extracting(event -> (String) event.detail().get("request"))
                .contains("subsystem sftp").anyMatch(request -> request.startsWith("exec scp -t"))
                .anyMatch(request -> request.startsWith("exec scp -f"));
    }

    @Test
    void rsyncCopiesADirectoryOverSsh() throws IOException {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(alice);
        String writable = writableDirectory(project);
        Path site = Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(site.resolve("site.css"), "body {}\n");

        OpenSsh.Result result = OpenSsh.exec(List.of("rsync", "-a", "-e", client.sshCommand(credentials),
                dir.resolve("site") + "/", project + "@127.0.0.1:" + writable + "/site/"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(client.ssh(credentials, project, "cat " + writable + "/site/css/site.css").output())
                .isEqualTo("body {}\n");
    }

    @Test
    void gitClonesAndPushesARepository() throws IOException {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(alice);
        String repository = writableDirectory(project) + "/repo.git";
        assertThat(client.ssh(credentials, project, "git init -q --bare " + repository).exitCode()).isZero();
        Path work = dir.resolve("work");

        git(credentials, dir, "clone", "-q", project + "@127.0.0.1:" + repository, work.toString());
        Files.writeString(work.resolve("hello.txt"), "hello\n");
        git(credentials, work, "add", "hello.txt");
        git(credentials, work, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m",
                "first");
        git(credentials, work, "push", "-q", "origin", "HEAD:main");

        assertThat(client.ssh(credentials, project, "git --git-dir=" + repository + " log --format=%s main").output())
                .isEqualTo("first\n");
    }

    private void git(GatewayClient.Credentials credentials, Path workDir, String... arguments) {
        List<String> command = new ArrayList<>(List.of("env", "GIT_SSH_COMMAND=" + client.sshCommand(credentials),
                "git", "-C", workDir.toString()));
        command.addAll(List.of(arguments));
        OpenSsh.Result result = OpenSsh.exec(command);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + ": " + result.output()).isZero();
    }

    @Test
    void psqlReachesTheDatabaseRelationshipThroughATunnel() throws IOException {
        TestUser alice = users.create();
        String project = directory.projectWith(alice.user(), Role.CONTRIBUTOR, upstream(false),
                Map.of("database", DATABASE));
        String target = DATABASE.host() + ":" + DATABASE.port();

        OpenSsh.Result psql;
        try (Tunnel tunnel = client.tunnel(certified(alice), project, target)) {
            psql = OpenSsh.exec(List.of("env", "PGPASSWORD=" + DATABASE.password(), "PGCONNECT_TIMEOUT=10", "psql",
                    "-X", "-At", "-h", "127.0.0.1", "-p", String.valueOf(tunnel.port()), "-U", DATABASE.username(),
                    "-d", DATABASE.path(), "-c", "select 'tunnelled as ' || current_user"));
        }

        assertThat(psql.exitCode()).as(psql.output()).isZero();
        assertThat(psql.output()).isEqualTo("tunnelled as webpaas\n");
        assertThat(audit.find("ssh.forward", alice.user().uuid(), project, 0, 10)).isNotEmpty()
                .allSatisfy(event -> assertThat(event.detail()).containsEntry("to", target));
    }

    @Test
    void theUsersAgentIsForwarded() throws Exception {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(alice);

        OpenSsh.Result listed;
        try (SshAgent agent = SshAgent.start(dir)) {
            agent.add(credentials.key());
            listed = client.sshWithAgent(credentials, project, agent.socket(), "ssh-add -l");
        }

        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains(openSsh.fingerprint(credentials.key(), "sha256"));
        assertThat(audit.find("ssh.agent_forward", alice.user().uuid(), project, 0, 1)).hasSize(1);
    }

    /** The Certifier grants all three; a certificate of the same CA without them gets a command and nothing more. */
    @Test
    void aTerminalAgentForwardingAndPortForwardingNeedTheCertificatesPermits() throws Exception {
        TestUser dave = users.create();
        String project = project(dave, Role.ADMIN);
        String uuid = dave.user().uuid().toString();
        Path key = openSsh.newKey("no-permits");
        Instant now = Instant.now();
        String certificate = byTheUserCa(key, uuid, project, now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofHours(1)));
        GatewayClient.Credentials withoutPermits = new GatewayClient.Credentials(key,
                openSsh.writeCertificate(key, certificate));

        assertThat(client.shell(withoutPermits, project, "exit\n").output()).contains("PTY allocation request failed");
        try (Tunnel tunnel = client.tunnel(withoutPermits, project, DATABASE.host() + ":" + DATABASE.port())) {
            assertThat(tunnel.exchange("first")).isEmpty();
            assertThat(tunnel.exchange("again")).isEmpty();
        }
        try (SshAgent agent = SshAgent.start(dir)) {
            agent.add(key);
            OpenSsh.Result listed = client.sshWithAgent(withoutPermits, project, agent.socket(), "ssh-add -l");
            assertThat(listed.output()).contains("Could not open a connection to your authentication agent");
        }

        // one row per type and connection, however often a client asks again
        assertThat(List.of("ssh.pty", "ssh.forward", "ssh.agent_forward")).allSatisfy(type ->
                assertThat(audit.find(type, dave.user().uuid(), project, 0, 10)).singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo("failure");
                    assertThat(String.valueOf(event.detail().get("reason"))).contains("not permit");
                }));
    }

    @Test
    void aRefusedUserCannotForwardPorts() {
        TestUser viewer = users.create();
        String project = project(viewer, Role.VIEWER);

        OpenSsh.Result refused = client.forward(certified(viewer), project, DATABASE.host() + ":" + DATABASE.port());

        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.output()).contains("stdio forwarding failed");
        AuditEvent event = audit.find("ssh.forward", viewer.user().uuid(), null, 0, 1).getFirst();
        assertThat(event.outcome()).isEqualTo("failure");
        assertThat(event.detail()).containsEntry("reason", "port forwarding is not permitted");
    }

    @Test
    void aViewerIsRefusedWithTheMessageAndExitStatusOne() {
        TestUser viewer = users.create();
        String project = project(viewer, Role.VIEWER);

        OpenSsh.Result result = client.ssh(certified(viewer), project, "true");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Error: Access denied\nService: " + project + "-main--app\nUser: "
                + viewer.username() + " (" + viewer.user().uuid() + ")\nParameters: {}\nDetail: Your role on project "
                + project + " is viewer");
        // in the project's audit log, where its admins look
        assertThat(audit.find("ssh.access", viewer.user().uuid(), project, 0, 1).getFirst().outcome())
                .isEqualTo("failure");
    }

    @Test
    void someoneOutsideAProjectSeesOnlyTheNameTheyTyped() {
        TestUser outsider = users.create();
        String project = project(users.create(), Role.ADMIN);

        OpenSsh.Result result = client.ssh(certified(outsider), project, "true");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Error: Access denied\nService: " + project + "\nUser: "
                + outsider.username() + " (" + outsider.user().uuid() + ")\nParameters: {}\nDetail: You are not a "
                + "member of project " + project).doesNotContain("--app");
    }

    @Test
    void anOrganizationThatEnforcesMfaAdmitsOnlyCertificatesWithMfa() {
        TestUser without = users.create();
        TestUser with = users.createWithMfa();
        String project = directory.projectWith(with.user(), Role.ADMIN, upstream(true));
        directory.administration().setMember(DirectoryFixture.actor(with.user()), project, without.username(),
                "contributor");

        OpenSsh.Result refused = client.ssh(certified(without), project, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied\nService: " + project + "-main--app\nUser: "
                + without.username() + " (" + without.user().uuid() + ")\nParameters: {\"amr\":[\"mfa\"]}\n"
                + "Detail: Additional authentication is required:\n\t - Multifactor authentication (MFA)");

        assertThat(client.ssh(certified(with), project, "exit 0").exitCode()).isZero();

        OpenSsh.Result keyRefused = client.ssh(accountKey(with), project, "true");
        assertThat(keyRefused.exitCode()).isEqualTo(1);
        assertThat(keyRefused.output()).contains("Multifactor authentication (MFA)").contains("log in with MFA");
    }

    @Test
    void anAccountKeyReachesTheProjectsOfItsOwnerOnly() {
        TestUser bob = users.create();
        String member = project(bob, Role.CONTRIBUTOR);
        String stranger = project(users.create(), Role.ADMIN);
        GatewayClient.Credentials key = accountKey(bob);

        OpenSsh.Result admitted = client.ssh(key, member, "exit 5");
        assertThat(admitted.exitCode()).as(admitted.output()).isEqualTo(5);
        OpenSsh.Result refused = client.ssh(key, stranger, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied\nService: " + stranger + "\n")
                .contains("is registered neither to project " + stranger).doesNotContain("--app");

        String fingerprint = openSsh.fingerprint(key.key(), "sha256");
        assertThat(keys.findBySha256Fingerprint(fingerprint).getFirst().lastUsedAt()).isNotNull();
        assertThat(audit.find("ssh.auth", bob.user().uuid(), null, 0, 1).getFirst().detail())
                .containsEntry("method", "key").containsEntry("fingerprint", fingerprint);
    }

    @Test
    void aProjectKeyReachesItsProjectOnly() {
        TestUser admin = users.create();
        String project = project(admin, Role.ADMIN);
        String other = project(admin, Role.ADMIN);
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
        String project = project(carol, Role.ADMIN);
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
        String certificate = byTheUserCa(expired, uuid, project, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
        Path expiredCertificate = openSsh.writeCertificate(expired, certificate);
        assertDenied(client.ssh(new GatewayClient.Credentials(expired, expiredCertificate), project, "true"));

        // Signed by the trusted CA, then its serial changed: only the signature check can tell.
        // OpenSSH's client will not even load such a certificate, so a hand-made client offers it.
        Path tampered = openSsh.newKey("tampered");
        String[] signed = byTheUserCa(tampered, uuid, project, now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofHours(1))).split(" ");
        assertThat(handMadeLogin(project, tampered, String.join(" ", signed))).as("the same, untouched").isTrue();
        byte[] blob = Base64.getDecoder().decode(signed[1]);
        blob[4 + 32 + 4 + 32 + 4 + 32 + 7] ^= 1; // after the type, nonce and key: the serial's last byte
        assertThat(handMadeLogin(project, tampered, signed[0] + " " + Base64.getEncoder().encodeToString(blob)))
                .as("a certificate whose CA signature does not verify").isFalse();
        // Certificates are not secret: a copy offered with another private key is refused, audited and throttled.
        assertThat(handMadeLogin(project, unknown, String.join(" ", signed)))
                .as("the untouched certificate, the request signed with another key").isFalse();

        assertThat(audit.find("ssh.auth", null, null, 0, 50)).filteredOn(event -> event.outcome().equals("failure"))
                .extracting(event -> (String) event.detail().get("reason"))
                .anyMatch(reason -> reason.contains("untrusted CA"))
                .anyMatch(reason -> reason.startsWith("expired at"))
                .anyMatch(reason -> reason.contains("the CA signature does not verify"))
                .anyMatch(reason -> reason.contains("not signed with the offered key's private key"))
                .anyMatch(reason -> reason.contains("is not registered"));
    }

    /**
     * A certificate from the trusted user CA, made by hand: admin of {@code project}, none of the
     * Certifier's {@code permit-*} extensions, valid from {@code from} to {@code to}.
     */
    private String byTheUserCa(Path key, String uuid, String project, Instant from, Instant to)
            throws InvalidPublicKeyException {
        return SshCertificates.format(authorities.signer(AuthorityPurpose.USER, Instant.now()).sign(
                CertificateSpec.user(SshPublicKey.parse(openSsh.publicKey(key)).publicKey(), uuid, List.of(uuid),
                        from, to, 7,
                        Map.of("uuid@webpaas", uuid, "access@webpaas", "{\"" + project + "\":\"admin\"}"))));
    }

    /** Whether MINA's client, offering {@code certificate} for {@code key}, gets past authentication. */
    private boolean handMadeLogin(String username, Path key, String certificate) throws Exception {
        try (SshClient mina = SshClient.setUpDefaultClient()) {
            mina.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            mina.start();
            try (ClientSession session = minaSession(mina, username, key, certificate)) {
                return session.auth().await(Duration.ofSeconds(15)) && session.isAuthenticated();
            }
        }
    }

    /** A connection of MINA's client as {@code username}, to authenticate with {@code certificate} for {@code key}. */
    ClientSession minaSession(SshClient mina, String username, Path key, String certificate) throws Exception {
        KeyPair pair;
        try (InputStream in = Files.newInputStream(key)) {
            pair = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.toString()), in, null)
                    .iterator().next();
        }
        PublicKey offered = PublicKeyEntry.parsePublicKeyEntry(certificate).resolvePublicKey(null, null,
                PublicKeyEntryResolver.FAILING);
        ClientSession session = mina.connect(username, "127.0.0.1", client.port()).verify(Duration.ofSeconds(15))
                .getSession();
        session.addPublicKeyIdentity(new KeyPair(offered, pair.getPrivate()));
        return session;
    }

    @Test
    void aConnectionGetsSixAuthenticationAttempts() {
        TestUser erin = users.create();
        String project = project(erin, Role.ADMIN);
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
        String project = project(users.create(), Role.ADMIN);

        OpenSsh.Result elsewhere = client.ssh(staffCertificate(staff, "elsewhere", "T-1"), project, "true");
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.output()).contains("Error: Access denied").contains("for region elsewhere");

        String ticket = "T-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.ssh(staffCertificate(staff, "local", ticket), project, "exit 0").exitCode()).isZero();
        assertThat(audit.find("ssh.access", staff.user().uuid(), project, 0, 1).getFirst().detail())
                .containsEntry("ticket", ticket).containsEntry("region", "local");
        // and in the JSON lines log shippers follow, written a moment later by its own thread
        Path lines = webpaas.dataDir().resolve("audit.log");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Stream<String> all = Files.lines(lines)) {
                assertThat(all.filter(line -> line.contains("\"type\":\"ssh.access\"")))
                        .anySatisfy(line -> assertThat(line).contains(staff.user().uuid().toString(),
                                "\"ticket\":\"" + ticket + "\""));
            }
        });
    }

    @Test
    void staffMeetTheOrganizationsMfaPolicyToo() {
        String project = directory.projectWith(users.create().user(), Role.ADMIN, upstream(true));
        TestUser without = users.createStaff();

        OpenSsh.Result refused = client.ssh(staffCertificate(without, "local", "T-1"), project, "true");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("Error: Access denied")
                .contains("Multifactor authentication (MFA)");
        assertThat(audit.find("ssh.access", without.user().uuid(), project, 0, 1).getFirst().outcome())
                .isEqualTo("failure");

        TestUser with = users.createStaffWithMfa();
        assertThat(client.ssh(staffCertificate(with, "local", "T-2"), project, "exit 0").exitCode()).isZero();
    }

    /** A project on this class's upstream where {@code member} has {@code role}. */
    String project(TestUser member, Role role) {
        return directory.projectWith(member.user(), role, upstream(false));
    }

    private static void assertDenied(OpenSsh.Result result) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(255);
        assertThat(result.output()).contains(DENIED).doesNotContain("Access denied");
    }

    GatewayClient.Credentials certified(TestUser user) {
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
}
