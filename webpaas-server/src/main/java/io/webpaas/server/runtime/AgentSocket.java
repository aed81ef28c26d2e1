package io.webpaas.server.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.session.ConnectionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forwarded agent as sessions see it: a Unix socket in a private directory under the system's
 * temporary directory (socket paths must stay under 108 bytes, which a data directory may not),
 * bound into the sandbox; every connection to it becomes an {@link AgentChannel} to the client,
 * bytes both ways.
 * Lives as long as the SSH connection.
 */
final class AgentSocket implements SshAgentServer {
    private static final Logger log = LoggerFactory.getLogger(AgentSocket.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionService connection;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;

    AgentSocket(ConnectionService connection) throws IOException {
        this.connection = connection;
        this.dir = Files.createTempDirectory("webpaas-agent",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.socket = dir.resolve("agent.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("runtime-agent").start(this::accept);
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofPlatform().daemon().name("runtime-agent-connection").start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(SocketChannel client) {
        AgentChannel channel = new AgentChannel(client);
        try (client; InputStream fromSandbox = Channels.newInputStream(client)) {
            connection.registerChannel(channel);
            channel.open().verify(OPEN_TIMEOUT);
            fromSandbox.transferTo(new FlushingStream(channel.toAgent()));
        } catch (IOException e) {
            log.debug("agent connection ended: {}", e.toString());
        } finally {
            channel.close(false);
        }
    }

    @Override
    public String getId() {
        return socket.toString();
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }
}
