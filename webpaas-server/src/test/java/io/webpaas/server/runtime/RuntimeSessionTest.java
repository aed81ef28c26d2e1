package io.webpaas.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.certifier.Certifier;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.Relationship;
import io.webpaas.server.directory.User;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshAgent;
import io.webpaas.sshca.SshCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The runtime with the real OpenSSH client, logged in as a gateway would: a key with an
 * internal certificate naming the end user, the app's SSH username as principal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeSessionTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    Certifier certifier;
    @Autowired
    RuntimeServer runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    Authorities authorities;
    @Autowired
    WebpaasProperties webpaas;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    static Path dir;

    private User user;
    private String project;
    private RuntimeClient client;

    @BeforeAll
    void startTheApp() throws IOException {
        DirectoryFixture fixture = new DirectoryFixture(context);
        user = fixture.user("runtime");
        project = fixture.project(user, Map.of("database",
                new Relationship("pgsql", "127.0.0.1", 5432, "main", "main", "secret")))
                .project().id();
        client = login(project + "-main--app");
    }

    private RuntimeClient login(String username) throws IOException {
        return login(username, Map.of("permit-pty", "", "permit-port-forwarding", "", "permit-agent-forwarding", ""));
    }

    private RuntimeClient login(String username, Map<String, String> extensions) throws IOException {
        Path sessionDir = Files.createTempDirectory(dir, "client");
        Path key = new OpenSsh(sessionDir).newKey("gateway");
        String certificate = SshCertificates.format(certifier.signInternal(publicKey(key), user.uuid().toString(),
                List.of(username), extensions, Duration.ofMinutes(5)));
        return new RuntimeClient(runtime.port(), key, new OpenSsh(sessionDir).writeCertificate(key, certificate),
                username);
    }

    private static PublicKey publicKey(Path key) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(OpenSsh.read(OpenSsh.publicKeyFile(key)).strip())
                    .resolvePublicKey(null, null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSessionIsUserWebOnTheUsernamesHostWithThePlatformVariables() {
        OpenSsh.Result result = client.ssh("whoami; hostname; echo $HOME; pwd; "
                + "echo $PLATFORM_PROJECT $PLATFORM_ENVIRONMENT $PLATFORM_APPLICATION_NAME; "
                + "echo $PLATFORM_RELATIONSHIPS");

        assertThat(result.exitCode()).isZero();
        String[] lines = result.output().split("\n");
        assertThat(lines[0]).isEqualTo("web");
        assertThat(lines[1]).isEqualTo(project + "-main--app");
        assertThat(lines[2]).endsWith("/apps/" + project + "/main/app").isEqualTo(lines[3]);
        assertThat(lines[4]).isEqualTo(project + " main app");
        assertThat(new String(Base64.getDecoder().decode(lines[5]), StandardCharsets.UTF_8))
                .isEqualTo("{\"database\":[{\"scheme\":\"pgsql\",\"host\":\"127.0.0.1\",\"port\":5432,\"path\":\"main\",\"username\":\"main\",\"password\":\"secret\"}]}");
    }

    @Test
    void hostSshIsTheGatewayTrustedThroughTheHostCa() {
        OpenSsh.Result config = client.ssh("ssh -G ssh | grep -E '^(hostname|port|hostkeyalias|globalknownhostsfile) '; "
                + "cat /run/webpaas/ssh_known_hosts");

        assertThat(config.output()).contains("hostname 127.0.0.1\n", "port " + webpaas.sshPort() + "\n",
                "hostkeyalias 127.0.0.1\n", "globalknownhostsfile /run/webpaas/ssh_known_hosts\n",
                "@cert-authority 127.0.0.1 " + authorities.published(AuthorityPurpose.HOST, Instant.now()).getFirst());
    }

    /** The app's own files and its mounts are the gateway tests' (GatewayToRuntimeTest); here the rest of the sandbox. */
    @Test
    void theSystemIsReadOnlyAndTmpIsPrivate() throws IOException {
        OpenSsh.Result system = client.ssh("touch /usr/local/system-file");
        // The host's /tmp is not the session's, and the session's stays inside the sandbox. (The
        // sandbox's /tmp is not empty when the app itself lives under /tmp, as in a CI clone there.)
        Path hostFile = Files.createTempFile("host-only", ".txt");
        String scratch = "/tmp/scratch-" + UUID.randomUUID();
        OpenSsh.Result tmp = client.ssh("test -e " + hostFile + " && echo visible; echo private > " + scratch
                + " && cat " + scratch);

        assertThat(system.exitCode()).isEqualTo(1);
        assertThat(system.output()).contains("Read-only file system");
        assertThat(tmp.output()).isEqualTo("private\n");
        assertThat(Path.of(scratch)).doesNotExist();
        Files.delete(hostFile);
    }

    /** The session's user is root outside when the runtime is (as in CI): what others may not read stays hidden. */
    @Test
    void whatOthersMayNotReadOnTheHostStaysHidden() throws Exception {
        String find = "find /etc \\( -type f -o -type d \\) ! -perm -o=r";
        Process host = new ProcessBuilder("sh", "-c", find + " 2>/dev/null").start();
        String onTheHost = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        host.waitFor();

        OpenSsh.Result inside = client.ssh(find + " -readable 2>/dev/null; ls -A /etc/ssl/private | wc -l");

        assertThat(onTheHost).contains("/etc/shadow\n"); // what the check below must see hidden
        assertThat(inside.output()).isEqualTo("0\n");
    }

    /** Forwards to relationships, and refusals of others, are the gateway tests'; remote forwarding is never offered. */
    @Test
    void remoteForwardingIsRefusedAndAudited() {
        OpenSsh.Result remote = client.ssh(List.of("-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:1"), "true");

        assertThat(remote.exitCode()).isEqualTo(255);
        assertThat(audit.find("runtime.port_forward", user.uuid(), project, 0, 20)).anySatisfy(event -> {
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.detail()).containsEntry("username", project + "-main--app")
                    .containsEntry("reason", "remote forwarding is not offered by the runtime");
        });
    }

    /** A forwarded agent reaching the session is the gateway tests'; here the certificate must permit it. */
    @Test
    void aForwardedAgentIsRefusedWhenTheCertificateDoesNotPermitIt() throws IOException {
        try (SshAgent agent = SshAgent.start(dir)) {
            agent.add(client.key());

            OpenSsh.Result notPermitted = login(client.username(), Map.of("permit-pty", ""))
                    .sshWithAgent(agent.socket(), "ssh-add -l");

            assertThat(notPermitted.exitCode()).as(notPermitted.output()).isEqualTo(2);
            assertThat(notPermitted.output()).contains("Could not open a connection to your authentication agent");
            assertThat(audit.find("runtime.agent_forward", user.uuid(), project, 0, 10)).singleElement()
                    .satisfies(event -> assertThat(event.outcome()).isEqualTo("failure"));
        }
    }

    /** The gateway passes the user certificate's {@code permit-*} on; the runtime enforces them again, as sshd does. */
    @Test
    void aTerminalAndPortForwardingNeedTheirPermits() throws IOException {
        RuntimeClient permitted = login(client.username());
        RuntimeClient notPermitted = login(client.username(), Map.of());

        assertThat(permitted.ssh(List.of("-tt"), "tty").output()).doesNotContain("PTY allocation request failed")
                .doesNotContain("not a tty");
        OpenSsh.Result terminal = notPermitted.ssh(List.of("-tt"), "tty");
        assertThat(terminal.output()).contains("PTY allocation request failed"); // fatal to ssh -tt
        OpenSsh.Result forward = notPermitted.forward("127.0.0.1:5432");
        assertThat(forward.exitCode()).isEqualTo(255);
        assertThat(forward.output()).contains("stdio forwarding failed");

        assertThat(audit.find("runtime.pty", user.uuid(), project, 0, 10)).singleElement().satisfies(event ->
                assertThat(event.detail()).containsEntry("reason", "the certificate does not permit a terminal")
                        .containsEntry("username", client.username()));
        assertThat(audit.find("runtime.port_forward", user.uuid(), project, 0, 20)).anySatisfy(event ->
                assertThat(event.detail()).containsEntry("reason", "the certificate does not permit port forwarding")
                        .containsEntry("target", "127.0.0.1:5432"));
    }

    /** A damaged or misplaced sealed row refuses the forward, audited, rather than dropping the connection unexplained. */
    @Test
    void aForwardToAnAppWhoseRelationshipsCannotBeOpenedIsRefused() throws IOException {
        String damaged = new DirectoryFixture(context).project(user, Map.of("database",
                new Relationship("pgsql", "127.0.0.1", 5432, "main", "main", "secret"))).project().id();
        jdbc.sql("UPDATE apps SET relationships = (SELECT relationships FROM apps WHERE project_id = ?) "
                + "WHERE project_id = ?").params(project, damaged).update(); // sealed for another app

        OpenSsh.Result forward = login(damaged + "-main--app").forward("127.0.0.1:5432");

        assertThat(forward.exitCode()).isEqualTo(255);
        assertThat(forward.output()).contains("stdio forwarding failed");
        assertThat(audit.find("runtime.port_forward", user.uuid(), damaged, 0, 10)).singleElement().satisfies(event ->
                assertThat(event.detail()).containsEntry("reason", "the app's relationships cannot be opened")
                        .containsEntry("target", "127.0.0.1:5432"));
    }

    @Test
    void aUserCertificateIsNotAnInternalOneAndIsRefused() throws IOException {
        Path userDir = Files.createTempDirectory(dir, "user");
        Path key = new OpenSsh(userDir).newKey("user");
        String certificate = SshCertificates.format(certifier.signUser(publicKey(key), user.uuid().toString(),
                Map.of("permit-pty", "")));
        RuntimeClient withUserCertificate = new RuntimeClient(runtime.port(), key,
                new OpenSsh(userDir).writeCertificate(key, certificate), client.username());

        OpenSsh.Result result = withUserCertificate.ssh("true");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("Permission denied (publickey)");
        assertThat(audit.find("runtime.auth", user.uuid(), null, 0, 10)).anySatisfy(event ->
                assertThat(String.valueOf(event.detail().get("reason"))).contains("untrusted CA"));
    }

    /** A project's admin chooses the app's runtime; pointing it at this one must not open a session here. */
    @Test
    void anAppPlacedOnAnotherRuntimeIsRefused() throws IOException {
        String elsewhere = new DirectoryFixture(context).project(user, new AppHost(false, "10.0.0.9", runtime.port()))
                .project().id();

        OpenSsh.Result result = login(elsewhere + "-main--app").ssh("true");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("Permission denied (publickey)");
        assertThat(audit.find("runtime.auth", user.uuid(), null, 0, 10)).anySatisfy(event ->
                assertThat(String.valueOf(event.detail().get("reason")))
                        .contains("placed on runtime 10.0.0.9, not on this one"));
    }

    @Test
    void aSessionThatCannotStartTellsTheUser() throws IOException {
        String broken = new DirectoryFixture(context).project(user).project().id();
        Path apps = Path.of(client.ssh("echo $HOME").output().strip()).getParent().getParent().getParent();
        Path mountParent = Files.createDirectories(apps.resolve(broken).resolve("main").resolve("app")).resolve("web");
        Files.writeString(mountParent, "a file where the mount's parent directory goes");
        RuntimeClient brokenApp = login(broken + "-main--app");

        OpenSsh.Result result = brokenApp.ssh("true");
        Files.delete(mountParent);

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("Error: the session cannot start on the app's runtime; try again later")
                .doesNotContain(apps.toString());
        assertThat(brokenApp.ssh("echo fixed").output()).isEqualTo("fixed\n");
    }

    /** A link where a mount's path goes (made inside another writable directory) must not become a bind of its target. */
    @Test
    void aMountReachedThroughASymbolicLinkIsRefused(@TempDir Path elsewhere) throws IOException {
        String linked = new DirectoryFixture(context).project(user).project().id();
        Path apps = Path.of(client.ssh("echo $HOME").output().strip()).getParent().getParent().getParent();
        Path web = Files.createDirectories(apps.resolve(linked).resolve("main").resolve("app")).resolve("web");
        Files.createSymbolicLink(web, elsewhere);

        OpenSsh.Result result = login(linked + "-main--app").ssh("touch web/uploads/written-outside");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).contains("Error: the session cannot start on the app's runtime");
        assertThat(elsewhere.resolve("uploads")).as("nothing made or bound at the link's target").doesNotExist();
    }

    @Test
    void theCertificateMustNameTheUsernameAndTheUsernameAnApp() throws IOException {
        String missing = project + "-main--missing";
        RuntimeClient otherUsername = new RuntimeClient(runtime.port(), client.key(), client.certificate(),
                project + "-main");

        assertThat(login(missing).ssh("true").exitCode()).isEqualTo(255);
        assertThat(otherUsername.ssh("true").exitCode()).isEqualTo(255);
        assertThat(audit.find("runtime.auth", user.uuid(), null, 0, 20)).extracting(event -> event.detail().get("reason"))
                .contains("no active app is named " + missing)
                .anySatisfy(reason -> assertThat(String.valueOf(reason))
                        .contains("principal " + project + "-main is not listed"));
    }
}
