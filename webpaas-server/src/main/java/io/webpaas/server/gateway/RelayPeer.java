package io.webpaas.server.gateway;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.AsyncCapableClientChannel;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * The channel a {@link RelayChannel} opens on the bridge's other connection: a
 * {@code direct-tcpip} channel to the runtime or an agent channel to the user. What arrives on
 * it goes into {@link #received()}, the pipe to the relay channel; what the relay channel
 * receives is written through {@link #toPeer()}.
 */
final class RelayPeer extends AsyncCapableClientChannel {
    private final Consumer<Buffer> openDetails;
    private final ChannelPipe received = new ChannelPipe(this);

    private RelayPeer(String type, Consumer<Buffer> openDetails) {
        super(type, false);
        this.openDetails = openDetails;
        setStreaming(Streaming.Async);
    }

    /** A channel of {@code type} whose open request carries nothing more (an agent channel). */
    static RelayPeer of(String type) {
        return new RelayPeer(type, details -> {
        });
    }

    /** A {@code direct-tcpip} channel to {@code target} on behalf of {@code originator} (RFC 4254 7.2). */
    static RelayPeer directTcpip(SshdSocketAddress target, SshdSocketAddress originator) {
        return new RelayPeer("direct-tcpip", details -> {
            details.putString(target.getHostName());
            details.putUInt(target.getPort());
            details.putString(originator.getHostName());
            details.putUInt(originator.getPort());
        });
    }

    ChannelPipe received() {
        return received;
    }

    /** Writes to the peer; valid once the channel is open. */
    IoOutputStream toPeer() {
        return getAsyncIn();
    }

    void eof() throws IOException {
        sendEof();
    }

    @Override
    public synchronized OpenFuture open() throws IOException {
        if (isClosing()) {
            throw new SshException("Session has been closed: " + state);
        }
        openFuture = new DefaultOpenFuture(toString(), futureLock);
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN, 64);
        buffer.putString(getChannelType());
        buffer.putUInt(getChannelId());
        buffer.putUInt(getLocalWindow().getSize());
        buffer.putUInt(getLocalWindow().getPacketSize());
        openDetails.accept(buffer);
        writePacket(buffer);
        return openFuture;
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) {
        if (!isClosing()) {
            received.data(data, offset, length);
        }
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        received.end();
    }

    @Override
    protected void preClose() {
        received.end();
        super.preClose();
    }
}
