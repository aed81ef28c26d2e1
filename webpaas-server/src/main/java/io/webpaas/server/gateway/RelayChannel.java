package io.webpaas.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel the other side opened, joined byte for byte to a channel this side opens on the
 * other connection of the bridge (a {@code direct-tcpip} to the runtime, an agent channel to
 * the user). It is confirmed only once the peer channel is open. Data arriving here is written
 * to the peer before this channel's window is given back; data from the peer is read by one
 * thread and written as this channel's window allows, so neither side can make the gateway
 * buffer without bound. When the peer's side ends, EOF and close follow what was sent.
 */
abstract class RelayChannel extends AbstractServerChannel {
    private static final Logger log = LoggerFactory.getLogger(RelayChannel.class);
    private static final int BUFFER = 32 * 1024;

    private final String type;
    private volatile ClientChannel peer;

    RelayChannel(String type) {
        super(type, List.of(), null);
        this.type = type;
    }

    /**
     * The peer channel for this open request, not opened yet.
     *
     * @throws SshChannelOpenException to refuse the request with its reason
     */
    protected abstract ClientChannel peer(Buffer request) throws IOException;

    @Override
    protected final OpenFuture doInit(Buffer request) {
        OpenFuture opened = new DefaultOpenFuture(this, futureLock);
        try {
            ClientChannel channel = peer(request);
            peer = channel;
            channel.open().addListener(result -> {
                if (result.isOpened()) {
                    signalChannelOpenSuccess(); // this is what sends the open confirmation
                    opened.setOpened();
                    Thread.ofVirtual().name("relay-" + type).start(() -> copy(channel.getInvertedOut()));
                } else {
                    opened.setException(result.getException());
                }
            });
        } catch (SshChannelOpenException e) {
            opened.setException(e);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot open the peer of a {} channel: {}", type, e.toString());
            opened.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_CONNECT_FAILED,
                    "the other end cannot be reached", e));
        }
        return opened;
    }

    /**
     * Copies as data arrives, flushing each read: a channel stream sends only on flush or a full
     * packet, so {@code transferTo} would hold a short message such as an agent's answer back.
     */
    private void copy(InputStream fromPeer) {
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = new ChannelOutputStream(this, getRemoteWindow(), log,
                SshConstants.SSH_MSG_CHANNEL_DATA, true)) {
            for (int read = fromPeer.read(buffer); read >= 0; read = fromPeer.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("{} ended: {}", this, e.toString());
        } finally {
            close(false);
        }
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) throws IOException {
        OutputStream toPeer = peer.getInvertedIn();
        toPeer.write(data, offset, (int) length);
        toPeer.flush();
        getLocalWindow().release(length);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int offset, long length) {
        throw new UnsupportedOperationException(type + " channels carry no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        if (peer != null) {
            peer.getInvertedIn().close();
        }
    }

    @Override
    protected void preClose() {
        if (peer != null) {
            peer.close(false);
        }
        super.preClose();
    }
}
