package io.webpaas.server.gateway;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel the other side opened, joined byte for byte to a {@link RelayPeer} this side opens on
 * the other connection of the bridge (a {@code direct-tcpip} to the runtime, an agent channel to
 * the user). It is confirmed only once the peer is open; the peer is opened on a virtual thread,
 * since reaching the runtime may mean connecting to it first. Both directions are
 * {@link ChannelPipe}s, so neither side can make the gateway buffer more than a window. When the
 * peer's side ends, EOF and close follow what it sent.
 */
abstract class RelayChannel extends AbstractServerChannel {
    private static final Logger log = LoggerFactory.getLogger(RelayChannel.class);

    private final String type;
    private final ChannelPipe toPeer = new ChannelPipe(this);
    private volatile RelayPeer peer;
    private volatile ChannelAsyncOutputStream toUser;

    /** Opens the peer channel; run on a virtual thread, so it may block. */
    @FunctionalInterface
    protected interface PeerOpener {
        RelayPeer open() throws IOException;
    }

    RelayChannel(String type) {
        super(type, List.of(), null);
        this.type = type;
    }

    /**
     * Reads the open request (on the I/O thread, as its buffer is reused) and says how to open the peer.
     *
     * @throws SshChannelOpenException to refuse the request with its reason
     */
    protected abstract PeerOpener peer(Buffer request) throws IOException;

    @Override
    protected final OpenFuture doInit(Buffer request) {
        OpenFuture opened = new DefaultOpenFuture(this, futureLock);
        try {
            PeerOpener opener = peer(request);
            Thread.ofVirtual().name("relay-" + type).start(() -> openPeer(opener, opened));
        } catch (IOException | RuntimeException e) {
            refuse(opened, e);
        }
        return opened;
    }

    private void openPeer(PeerOpener opener, OpenFuture opened) {
        try {
            RelayPeer channel = opener.open();
            peer = channel;
            channel.open().addListener(result -> {
                if (result.isOpened() && isClosing()) { // closed while the peer was opening, see preClose
                    channel.close(false);
                    opened.setException(new SshChannelOpenException(getChannelId(),
                            SshConstants.SSH_OPEN_CONNECT_FAILED, "the channel closed while its peer was opening"));
                } else if (result.isOpened()) {
                    join(channel);
                    signalChannelOpenSuccess(); // this is what sends the open confirmation
                    opened.setOpened();
                } else {
                    opened.setException(result.getException());
                }
            });
        } catch (IOException | RuntimeException e) {
            refuse(opened, e);
        }
    }

    private void join(RelayPeer channel) {
        toUser = new ChannelAsyncOutputStream(this, SshConstants.SSH_MSG_CHANNEL_DATA);
        toPeer.connect(channel.toPeer());
        ChannelPipe.whenFinished(channel::eof, toPeer);
        channel.received().connect(toUser);
        ChannelPipe.whenFinished(() -> {
            sendEof();
            close(false);
        }, channel.received());
    }

    private void refuse(OpenFuture opened, Exception e) {
        if (e instanceof SshChannelOpenException refused) {
            opened.setException(refused);
            return;
        }
        log.warn("cannot open the peer of a {} channel: {}", type, e.toString());
        opened.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_CONNECT_FAILED,
                "the other end cannot be reached", e));
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) {
        toPeer.data(data, offset, length);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int offset, long length) {
        throw new UnsupportedOperationException(type + " channels carry no extended data");
    }

    @Override
    public void handleWindowAdjust(Buffer buffer) throws IOException {
        super.handleWindowAdjust(buffer);
        ChannelAsyncOutputStream out = toUser;
        if (out != null) {
            out.onWindowExpanded();
        }
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        toPeer.end();
    }

    @Override
    protected void preClose() {
        RelayPeer channel = peer;
        if (channel != null) {
            channel.close(false);
        }
        toPeer.end();
        super.preClose();
    }
}
