package io.webpaas.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code direct-tcpip} channel ({@code ssh -L}, {@code ssh -W}) carried to the same channel
 * on the runtime, which decides which addresses the app may reach. Allowed when the session
 * was admitted with {@code permit-port-forwarding}; each forward is audited. Data from the
 * client is written to the runtime before the client's window is given back; data from the
 * runtime is read by one thread and written as the client's window allows, so neither side
 * can make the gateway buffer without bound.
 */
final class BridgedTcpipChannel extends AbstractServerChannel {
    private static final Logger log = LoggerFactory.getLogger(BridgedTcpipChannel.class);
    private static final int BUFFER = 32 * 1024;

    private final Runtimes runtimes;
    private final GatewayAudit audit;
    private volatile ChannelDirectTcpip upstream;

    private BridgedTcpipChannel(Runtimes runtimes, GatewayAudit audit) {
        super("direct-tcpip", List.of(), null);
        this.runtimes = runtimes;
        this.audit = audit;
    }

    static ChannelFactory factory(Runtimes runtimes, GatewayAudit audit) {
        return new ChannelFactory() {
            @Override
            public String getName() {
                return "direct-tcpip";
            }

            @Override
            public Channel createChannel(Session session) {
                return new BridgedTcpipChannel(runtimes, audit);
            }
        };
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        SshdSocketAddress target = new SshdSocketAddress(buffer.getString(), buffer.getInt());
        SshdSocketAddress originator = new SshdSocketAddress(buffer.getString(), buffer.getInt());
        OpenFuture opened = new DefaultOpenFuture(this, futureLock);
        ServerSession session = (ServerSession) getSession();
        if (!(session.getAttribute(GatewayAuthenticator.ADMISSION) instanceof Admission.Admitted admitted)
                || !admitted.permits().portForwarding()) {
            audit.forwardRefused(session, target.toString(), "port forwarding is not permitted");
            opened.setException(new SshChannelOpenException(getChannelId(),
                    SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "port forwarding is not permitted here"));
            return opened;
        }
        audit.forward(session, admitted, target.toString());
        try {
            ChannelDirectTcpip channel = runtimes.of(session, admitted).createDirectTcpipChannel(originator, target);
            upstream = channel;
            channel.open().addListener(result -> {
                if (result.isOpened()) {
                    signalChannelOpenSuccess(); // this is what sends the client its open confirmation
                    opened.setOpened();
                    Thread.ofVirtual().name("forward-" + target).start(() -> copyToClient(channel.getInvertedOut()));
                } else {
                    opened.setException(result.getException());
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("cannot forward to {} through the runtime: {}", target, e.toString());
            opened.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_CONNECT_FAILED,
                    "the app's runtime cannot be reached", e));
        }
        return opened;
    }

    /** Until the runtime's end closes; then EOF and close, after everything read has been sent. */
    private void copyToClient(InputStream fromRuntime) {
        try (OutputStream toClient = new ChannelOutputStream(this, getRemoteWindow(), log,
                SshConstants.SSH_MSG_CHANNEL_DATA, true)) {
            fromRuntime.transferTo(toClient);
        } catch (IOException e) {
            log.debug("forward {} ended: {}", this, e.toString());
        } finally {
            close(false);
        }
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) throws IOException {
        OutputStream toRuntime = upstream.getInvertedIn();
        toRuntime.write(data, offset, (int) length);
        toRuntime.flush();
        getLocalWindow().release(length);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int offset, long length) {
        throw new UnsupportedOperationException("direct-tcpip channels carry no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        if (upstream != null) {
            upstream.getInvertedIn().close();
        }
    }

    @Override
    protected void preClose() {
        if (upstream != null) {
            upstream.close(false);
        }
        super.preClose();
    }
}
