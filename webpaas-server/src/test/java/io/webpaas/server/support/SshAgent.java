package io.webpaas.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/** A real {@code ssh-agent} in the foreground of a child process, listening on a socket in {@code dir}. */
public final class SshAgent implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private SshAgent(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    public static SshAgent start(Path dir) throws IOException {
        Path socket = Files.createTempDirectory(dir, "agent").resolve("agent.sock");
        Process process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        SshAgent agent = new SshAgent(process, socket);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** {@code ssh-add key}: the key, and its certificate when {@code <key>-cert.pub} is beside it. */
    public void add(Path key) {
        OpenSsh.run("env", "SSH_AUTH_SOCK=" + socket, "ssh-add", "-q", key.toString());
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
