package io.webpaas.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/** {@code ssh -N -L <free port>:<target>} in the background, as a user opens a tunnel. */
public final class Tunnel implements AutoCloseable {
    private final Process ssh;
    private final int port;

    private Tunnel(Process ssh, int port) {
        this.ssh = ssh;
        this.port = port;
    }

    /**
     * @param sshArguments what follows {@code ssh} to reach the server: options, then the destination
     * @param target host:port the server connects the tunnel to
     */
    public static Tunnel open(List<String> sshArguments, String target) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("ssh", "-N", "-o", "ExitOnForwardFailure=yes",
                "-L", "127.0.0.1:" + port + ":" + target));
        command.addAll(sshArguments);
        Tunnel tunnel = new Tunnel(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), port);
        Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(tunnel::listening);
        return tunnel;
    }

    /** The local port the tunnel listens on. */
    public int port() {
        return port;
    }

    private boolean listening() throws IOException {
        if (!ssh.isAlive()) {
            throw new IllegalStateException("ssh -L exited " + ssh.exitValue());
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        }
    }

    /**
     * Sends {@code text} through the tunnel, half-closes, and returns all that came back: nothing
     * when the server refused the forward (ssh then drops the local connection, maybe with a reset).
     */
    public String exchange(String text) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (SocketException reset) {
                return "";
            }
        }
    }

    @Override
    public void close() {
        ssh.destroy();
    }
}
