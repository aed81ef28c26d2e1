package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.directory.Role;
import io.webpaas.server.runtime.RuntimeServer;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshAgent;
import io.webpaas.server.support.TerminalClient;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.server.support.Tunnel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway's tests against this same server's runtime, as {@code webpaas-server} runs by
 * default (every role in one JVM): each session runs in the app's sandbox. The tests here hold
 * for the runtime only: banner and prompt, the read-only app, forwarding to relationships only,
 * the hop between projects through host {@code ssh}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayToRuntimeTest extends GatewayTest {
    private static final Pattern PROMPT_END = Pattern.compile(":~\\$ $");

    @Autowired
    RuntimeServer runtime;

    @Override
    AppHost upstream(boolean enforceMfa) {
        return new AppHost(enforceMfa, "127.0.0.1", runtime.port());
    }

    /** The app's mount, relative to the session's home (the app directory). */
    @Override
    String writableDirectory(String project) {
        return "web/uploads";
    }

    @Test
    void anInteractiveShellShowsTheBannerAndThePrompt() throws Exception {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);

        try (TerminalClient terminal = client.terminal(certified(alice), project, 80, 24)) {
            assertThat(terminal.await(PROMPT_END)).contains(" Welcome to WebPaaS.\r\n\r\n This is environment main\r\n"
                    + " of project " + project + ".\r\n\r\n").contains("web@" + project + "-main--app:~$ ");
            terminal.type("exit 4\r");
            assertThat(terminal.exitCode()).isEqualTo(4);
        }
    }

    /**
     * OpenSSH's ssh sends no {@code signal} request (RFC 4254 6.9), other clients do: the bridge
     * passes it on, and in a terminal the runtime gives it to the foreground job, as the key would
     * (sshd signals the shell's own process group, which a job in front is not in).
     */
    @Test
    void aSignalRequestReachesTheTerminalsForegroundJob() throws Exception {
        TestUser frank = users.create();
        String project = project(frank, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(frank);
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        try (SshClient mina = SshClient.setUpDefaultClient()) {
            mina.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            mina.start();
            try (ClientSession session = minaSession(mina, project, credentials.key(),
                    Files.readString(credentials.certificate()));
                 ChannelShell shell = authenticated(session).createShellChannel()) {
                shell.setOut(output);
                shell.setRedirectErrorStream(true);
                shell.open().verify(Duration.ofSeconds(15));
                OutputStream keys = shell.getInvertedIn();
                keys.write("sh -c 'echo sleeping-$((6*7)); exec sleep 30'\n".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> output.toString().contains("sleeping-42"));

                ChannelRequests.signal(shell, "INT");
                keys.write("echo status-$?\n".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> output.toString().contains("status-130"));
            }
        }
    }

    private static ClientSession authenticated(ClientSession session) throws IOException {
        session.auth().verify(Duration.ofSeconds(15));
        return session;
    }

    @Test
    void theSessionIsUserWebOnTheAppsHostInTheProject() {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);

        OpenSsh.Result result = client.ssh(certified(alice), project, "whoami; hostname; echo $PLATFORM_PROJECT");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("web\n" + project + "-main--app\n" + project + "\n");
    }

    @Test
    void onlyTheMountsAreWritable() {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        GatewayClient.Credentials credentials = certified(alice);

        OpenSsh.Result outside = client.ssh(credentials, project, "touch app-file");
        OpenSsh.Result inside = client.ssh(credentials, project, "echo kept > web/uploads/kept && cat web/uploads/kept");

        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.output()).contains("Read-only file system");
        assertThat(inside.exitCode()).as(inside.output()).isZero();
        assertThat(inside.output()).isEqualTo("kept\n");
    }

    @Test
    void aForwardToAnAddressThatIsNoRelationshipIsRefusedAndAudited() throws IOException {
        TestUser alice = users.create();
        String project = project(alice, Role.CONTRIBUTOR);
        // the gateway itself answers there, with its SSH banner, when it is reached
        String elsewhere = "127.0.0.1:" + gateway.port();

        try (Tunnel tunnel = client.tunnel(certified(alice), project, elsewhere)) {
            assertThat(tunnel.exchange("ping\n")).isEmpty();
        }

        List<AuditEvent> refusals = audit.find("runtime.port_forward", alice.user().uuid(), project, 0, 10);
        assertThat(refusals).isNotEmpty().allSatisfy(event -> {
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.detail()).containsEntry("target", elsewhere)
                    .containsEntry("reason", "not one of the app's relationships");
        });
    }

    @Test
    void aForwardedAgentHopsToASecondProjectThroughHostSsh() throws Exception {
        TestUser alice = users.create();
        String first = project(alice, Role.CONTRIBUTOR);
        String second = project(alice, Role.ADMIN);
        GatewayClient.Credentials credentials = certified(alice);

        OpenSsh.Result hop;
        try (SshAgent agent = SshAgent.start(dir)) {
            agent.add(credentials.key());
            // Host `ssh` is the gateway; the tests' gateway listens on a free port, not webpaas.ssh-port's.
            hop = client.sshWithAgent(credentials, first, agent.socket(), "ssh-add -l && ssh -p " + gateway.port()
                    + " -o BatchMode=yes " + second + "@ssh 'echo hopped to $PLATFORM_PROJECT'");
        }

        assertThat(hop.exitCode()).as(hop.output()).isZero();
        assertThat(hop.output()).contains(openSsh.fingerprint(credentials.key(), "sha256"))
                .contains("hopped to " + second + "\n");
        assertThat(audit.find("ssh.session.end", alice.user().uuid(), second, 0, 1).getFirst().detail())
                .containsEntry("exit_status", 0);
    }
}
