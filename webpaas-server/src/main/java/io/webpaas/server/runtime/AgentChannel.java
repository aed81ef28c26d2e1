package io.webpaas.server.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.sshd.client.channel.AbstractClientChannel;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelOutputStream;

/**
 * An {@code auth-agent@openssh.com} channel opened to the client for one connection to the
 * session's agent socket: what the client's agent answers goes to that connection.
 */
final class AgentChannel extends AbstractClientChannel {
    private final SocketChannel connection;

    AgentChannel(SocketChannel connection) {
        super("auth-agent@openssh.com");
        this.connection = connection;
    }

    /** Where bytes for the client's agent are written (blocking while the client's window is full). */
    OutputStream toAgent() {
        return invertedIn;
    }

    @Override
    protected void doOpen() {
        invertedIn = new ChannelOutputStream(this, getRemoteWindow(), log, SshConstants.SSH_MSG_CHANNEL_DATA, true);
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, (int) length);
        while (buffer.hasRemaining()) {
            connection.write(buffer);
        }
        getLocalWindow().release(length);
    }
}
