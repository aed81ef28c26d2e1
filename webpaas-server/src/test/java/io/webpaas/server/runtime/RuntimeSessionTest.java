package io.webpaas.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.certifier.Certifier;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.Relationship;
import io.webpaas.server.directory.User;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.sshca.SshCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The runtime with the real OpenSSH client, logged in as a gateway would: a key with an
 * internal certificate naming the end user, the app's SSH username as principal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeSessionTest {
    private static final Pattern PROMPT_END = Pattern.compile(":~\\$ $");

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
    @TempDir
    static Path dir;

    private User user;
    private String project;
    private RuntimeClient client;
    private ServerSocket echo;

    @BeforeAll
    void startTheAppAndItsDatabase() throws IOException {
        echo = EchoServer.start();
        DirectoryFixture fixture = new DirectoryFixture(context);
        user = fixture.user("runtime");
        project = fixture.project(user, Map.of("database",
                new Relationship("pgsql", "127.0.0.1", echo.getLocalPort(), "main", "main", "secret")))
                .project().id();
        client = login(project + "-main--app");
    }

    @AfterAll
    void stopTheDatabase() throws IOException {
        echo.close();
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
    void anInteractiveShellShowsTheBannerAndPromptAndFollowsTheWindowSize() throws Exception {
        List<String> command = new ArrayList<>(List.of("ssh", "-tt"));
        command.addAll(client.options());
        command.add(client.host());
        try (TerminalClient terminal = TerminalClient.start(command, 80, 24)) {
            String shown = terminal.await(PROMPT_END);
            assertThat(shown).contains(" Welcome to WebPaaS.\r\n\r\n This is environment main\r\n of project "
                    + project + ".\r\n\r\n").contains("web@" + project + "-main--app:~$ ");

            terminal.type("stty size\r");
            terminal.await("\r24 80\r\n");
            int beforeResize = terminal.mark();
            terminal.resize(132, 40);
            terminal.awaitAfter(beforeResize, "main--app:~$ "); // readline redraws the prompt on SIGWINCH
            terminal.type("stty size\r");
            terminal.await("\r40 132\r\n");

            terminal.type("sleep 30; echo slept\r");
            Thread.sleep(300);
            terminal.type("\u0003");
            terminal.type("echo interrupted $?\r");
            assertThat(terminal.await("interrupted 130")).doesNotContainPattern("[\r\n]slept\r\n");

            terminal.type("exit 3\r");
            assertThat(terminal.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void execReturnsTheExitStatusAndPrintsNothingElse() {
        OpenSsh.Result result = client.ssh("echo out; echo err >&2; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output().lines()).containsExactlyInAnyOrder("out", "err");
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
                .isEqualTo("{\"database\":[{\"scheme\":\"pgsql\",\"host\":\"127.0.0.1\",\"port\":"
                        + echo.getLocalPort() + ",\"path\":\"main\",\"username\":\"main\",\"password\":\"secret\"}]}");
    }

    @Test
    void hostSshIsTheGatewayTrustedThroughTheHostCa() {
        OpenSsh.Result config = client.ssh("ssh -G ssh | grep -E '^(hostname|port|hostkeyalias|globalknownhostsfile) '; "
                + "cat /run/webpaas/ssh_known_hosts");

        assertThat(config.output()).contains("hostname 127.0.0.1\n", "port " + webpaas.sshPort() + "\n",
                "hostkeyalias 127.0.0.1\n", "globalknownhostsfile /run/webpaas/ssh_known_hosts\n",
                "@cert-authority 127.0.0.1 " + authorities.published(AuthorityPurpose.HOST, Instant.now()).getFirst());
    }

    @Test
    void theAppIsReadOnlyExceptItsMounts() throws IOException {
        OpenSsh.Result outside = client.ssh("touch app-file");
        OpenSsh.Result system = client.ssh("touch /usr/local/system-file");
        OpenSsh.Result inside = client.ssh("echo kept > web/uploads/kept && cat web/uploads/kept && cat README");
        // The host's /tmp is not the session's, and the session's stays inside the sandbox. (The
        // sandbox's /tmp is not empty when the app itself lives under /tmp, as in a CI clone there.)
        Path hostFile = Files.createTempFile("host-only", ".txt");
        String scratch = "/tmp/scratch-" + UUID.randomUUID();
        OpenSsh.Result tmp = client.ssh("test -e " + hostFile + " && echo visible; echo private > " + scratch
                + " && cat " + scratch);

        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.output()).contains("Read-only file system");
        assertThat(system.output()).contains("Read-only file system");
        assertThat(inside.exitCode()).isZero();
        assertThat(inside.output()).startsWith("kept\n").contains("web/uploads");
        assertThat(tmp.output()).isEqualTo("private\n");
        assertThat(Path.of(scratch)).doesNotExist();
        Files.delete(hostFile);
    }

    @Test
    void filesGoUpAndDownWithSftpAndScpInBothModes() throws IOException {
        Path upload = Files.writeString(dir.resolve("upload.txt"), "uploaded\n");
        Path batch = Files.writeString(dir.resolve("batch"), String.join("\n",
                "put " + upload + " web/uploads/by-sftp.txt", "get web/uploads/by-sftp.txt " + dir.resolve("sftp.txt"),
                ""));

        assertThat(client.tool("sftp", "-b", batch.toString(), client.host()).exitCode()).isZero();
        assertThat(client.tool("scp", upload.toString(), client.host() + ":web/uploads/by-scp.txt").exitCode())
                .isZero();
        assertThat(client.tool("scp", "-O", client.host() + ":web/uploads/by-scp.txt", dir.resolve("scp.txt")
                .toString()).exitCode()).isZero();
        assertThat(client.tool("scp", "-O", upload.toString(), client.host() + ":web/uploads/by-legacy-scp.txt")
                .exitCode()).isZero();
        assertThat(client.tool("scp", client.host() + ":web/uploads/by-legacy-scp.txt",
                dir.resolve("legacy.txt").toString()).exitCode()).isZero();
        OpenSsh.Result readOnly = client.tool("scp", upload.toString(), client.host() + ":outside.txt");

        for (String file : List.of("sftp.txt", "scp.txt", "legacy.txt")) {
            assertThat(dir.resolve(file)).hasContent("uploaded");
        }
        assertThat(readOnly.exitCode()).isNotZero();
    }

    @Test
    void rsyncCopiesADirectoryIntoAMount() throws IOException {
        Path site = Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(site.resolve("site.css"), "body {}\n");

        OpenSsh.Result result = OpenSsh.exec(List.of("rsync", "-a", "-e", client.sshCommand(),
                dir.resolve("site") + "/", client.host() + ":web/uploads/site/"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(client.ssh("cat web/uploads/site/css/site.css").output()).isEqualTo("body {}\n");
    }

    @Test
    void gitClonesAndPushesARepositoryInAMount() {
        assertThat(client.ssh("git init -q --bare web/uploads/repo.git").exitCode()).isZero();
        String url = "ssh://" + client.host() + "/~/web/uploads/repo.git";
        Path work = dir.resolve("work");

        git(dir, "clone", "-q", url, work.toString());
        OpenSsh.run("sh", "-c", "echo hello > " + work.resolve("hello.txt"));
        git(work, "add", "hello.txt");
        git(work, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
        git(work, "push", "-q", "origin", "HEAD:main");

        assertThat(client.ssh("git --git-dir=web/uploads/repo.git log --format=%s main").output()).isEqualTo("first\n");
    }

    private void git(Path workDir, String... arguments) {
        List<String> command = new ArrayList<>(List.of("env", "GIT_SSH_COMMAND=" + client.sshCommand(), "git",
                "-C", workDir.toString()));
        command.addAll(List.of(arguments));
        OpenSsh.Result result = OpenSsh.exec(command);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + ": " + result.output()).isZero();
    }

    @Test
    void forwardingReachesTheRelationshipsOnlyAndRefusalsAreAudited() throws Exception {
        try (Tunnel toDatabase = Tunnel.open(client, "127.0.0.1:" + echo.getLocalPort());
             Tunnel elsewhere = Tunnel.open(client, "127.0.0.1:" + runtime.port())) {
            assertThat(toDatabase.exchange("ping\n")).isEqualTo("ping\n");
            assertThat(elsewhere.exchange("ping\n")).isEmpty();
        }

        OpenSsh.Result remote = client.ssh(List.of("-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:1"), "true");

        assertThat(remote.exitCode()).isEqualTo(255);
        // each connection to the refused tunnel is one refusal (the tunnel's readiness probe too)
        List<AuditEvent> refusals = audit.find("runtime.port_forward", user.uuid(), project, 0, 20);
        assertThat(refusals).allSatisfy(event -> {
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.detail()).containsEntry("username", project + "-main--app");
        });
        assertThat(refusals).extracting(event -> event.detail().get("target"))
                .contains("127.0.0.1:" + runtime.port())
                .doesNotContain("127.0.0.1:" + echo.getLocalPort());
        assertThat(refusals).extracting(event -> event.detail().get("reason"))
                .contains("remote forwarding is not offered by the runtime");
    }

    @Test
    void aForwardedAgentIsReachableInTheSessionWhenTheCertificatePermitsIt() throws IOException {
        Path agentSocket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", agentSocket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(agentSocket));
            OpenSsh.run("env", "SSH_AUTH_SOCK=" + agentSocket, "ssh-add", "-q", client.key().toString());

            OpenSsh.Result listed = client.sshWithAgent(agentSocket, "ssh-add -l");
            OpenSsh.Result without = client.ssh("ssh-add -l");
            OpenSsh.Result notPermitted = login(client.username(), Map.of("permit-pty", ""))
                    .sshWithAgent(agentSocket, "ssh-add -l");

            assertThat(listed.exitCode()).as(listed.output()).isZero();
            assertThat(listed.output()).contains(new OpenSsh(dir).fingerprint(client.key(), "sha256"));
            assertThat(without.exitCode()).isEqualTo(2);
            assertThat(notPermitted.exitCode()).isEqualTo(2);
            assertThat(audit.find("runtime.agent_forward", user.uuid(), project, 0, 10)).hasSize(1);
        } finally {
            agent.destroy();
        }
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

    /** A stand-in for the app's database: echoes every line back. */
    private static final class EchoServer {
        static ServerSocket start() throws IOException {
            ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread.ofPlatform().daemon().start(() -> echo(socket));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return server;
        }

        private static void echo(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // the client went away
            }
        }
    }
}
