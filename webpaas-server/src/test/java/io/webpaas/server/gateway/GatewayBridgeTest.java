package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The gateway's bridge to the runtime, with the real {@code ssh} client and an OpenSSH
 * {@code sshd} as the runtime. Flow control: when one end stops reading, the other end is held
 * back after a few windows' worth of data instead of the gateway taking everything in, and the
 * transfer completes, whole, once the reader reads again (the remote command runs as this user
 * on this machine, so it can record its progress in a file the test reads). Kept connections: a
 * user's next session reuses the connection of the previous one; another user's never does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "webpaas.gateway.upstream-user=${user.name}")
class GatewayBridgeTest {
    private static final int MIB = 1 << 20;
    /** Far more than every window and buffer on the way together. */
    private static final int TOTAL_MIB = 256;
    /**
     * Windows on the way (the client's, the gateway's two, sshd's: 2 MiB each by default) plus
     * sshd's channel buffer and the pipes; an unbounded gateway would let all of TOTAL_MIB through.
     */
    private static final int BOUND_MIB = 16;
    private static final Duration STEADY = Duration.ofSeconds(3);
    private static SshServer runtime;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Authorities hostAuthorities;
    @TempDir
    Path dir;

    private GatewayClient client;
    private GatewayClient.Credentials credentials;
    private String project;
    private TestUsers users;
    private DirectoryFixture directory;
    private ApiClient api;
    private OpenSsh openSsh;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        if (runtime == null) {
            // trusting what GET /ssh/internal-authority publishes, as an operator's sshd would
            runtime = SshServer.start(Files.createTempDirectory("flow-runtime"), internalAuthorities(api),
                    System.getProperty("user.name"), hostAuthorities.signer(AuthorityPurpose.HOST, Instant.now()),
                    "127.0.0.1");
        }
        client = GatewayClient.of(context, api, dir);
        users = new TestUsers(context);
        directory = new DirectoryFixture(context);
        openSsh = new OpenSsh(dir);
        TestUser alice = users.create();
        project = projectOf(alice);
        credentials = certified(alice);
    }

    private String projectOf(TestUser user) {
        return directory.projectWith(user.user(), Role.CONTRIBUTOR, new AppHost(false, "127.0.0.1", runtime.port()));
    }

    private GatewayClient.Credentials certified(TestUser user) {
        return GatewayClient.Credentials.certified(api, openSsh, user.accessToken(), Map.of());
    }

    private static List<String> internalAuthorities(ApiClient api) {
        return api.get("/ssh/internal-authority", null).json().path("authorities").valueStream()
                .map(node -> node.asString()).toList();
    }

    @AfterAll
    static void stopRuntime() throws Exception {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @Test
    void aClientThatStopsReadingHoldsTheRuntimesOutputBack() throws Exception {
        Path progress = dir.resolve("written");
        String command = "for i in $(seq " + TOTAL_MIB + "); do head -c " + MIB + " /dev/zero; echo $i > " + progress
                + "; done";
        Process ssh = start(client.sshCommandLine(List.of(), credentials, project, command));
        try {
            // nobody reads ssh's output yet: its pipe fills, then ssh stops taking data from the gateway
            long heldAt = steady(() -> number(progress));

            assertThat(heldAt).as("MiB the runtime wrote while the client was not reading").isLessThan(BOUND_MIB);
            long received = ssh.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertThat(ssh.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ssh.exitValue()).isZero();
            assertThat(received).isEqualTo((long) TOTAL_MIB * MIB);
        } finally {
            ssh.destroyForcibly();
        }
    }

    @Test
    void aRuntimeThatDoesNotReadHoldsTheClientsInputBack() throws Exception {
        Path go = dir.resolve("go");
        String command = "while [ ! -e " + go + " ]; do sleep 0.1; done; wc -c";
        Process ssh = start(client.sshCommandLine(List.of(), credentials, project, command));
        AtomicLong sent = new AtomicLong();
        Thread writer = Thread.ofVirtual().start(() -> send(ssh, sent));
        try {
            // the remote command does not read until the file exists: ssh's input stops being taken
            long heldAt = steady(sent::get);

            assertThat(heldAt).as("bytes the client could send while nothing read them").isLessThan(BOUND_MIB * MIB);
            Files.createFile(go);
            writer.join(Duration.ofSeconds(60));
            String output = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ssh.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ssh.exitValue()).isZero();
            assertThat(output.strip()).isEqualTo(String.valueOf((long) TOTAL_MIB * MIB));
        } finally {
            ssh.destroyForcibly();
        }
    }

    @Test
    void aUsersNextSessionReusesTheRuntimeConnectionAndAnotherUsersDoesNot() {
        TestUser bob = users.create();
        String bobsProject = projectOf(bob);
        // SSH_CONNECTION names the gateway's end of the connection: its port tells connections apart
        String first = client.ssh(credentials, project, "echo $SSH_CONNECTION").output();
        String second = client.ssh(credentials, project, "echo $SSH_CONNECTION").output();
        String bobs = client.ssh(certified(bob), bobsProject, "echo $SSH_CONNECTION").output();

        assertThat(first).startsWith("127.0.0.1 ");
        assertThat(second).isEqualTo(first);
        assertThat(bobs).startsWith("127.0.0.1 ").isNotEqualTo(first);
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Writes TOTAL_MIB to ssh's input, counting what was taken, then closes it. */
    private static void send(Process ssh, AtomicLong sent) {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream in = ssh.getOutputStream()) {
            for (long left = (long) TOTAL_MIB * MIB; left > 0; left -= chunk.length) {
                in.write(chunk);
                sent.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            throw new IllegalStateException("ssh stopped taking input after " + sent.get() + " bytes", e);
        }
    }

    /** The value once it has not changed for {@link #STEADY}; fails if it keeps changing for a minute. */
    private static long steady(LongSupplier value) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        long last = value.getAsLong();
        Instant since = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = Instant.now();
            } else if (now > 0 && Duration.between(since, Instant.now()).compareTo(STEADY) >= 0) {
                return now;
            }
        }
        throw new AssertionError("still moving after a minute: " + last);
    }

    private static long number(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file).strip() : "";
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return 0; // being rewritten
        }
    }
}
