package io.webpaas.server.gateway;

import java.io.IOException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.session.ServerSession;

/**
 * A {@code direct-tcpip} channel ({@code ssh -L}, {@code ssh -W}) carried to the same channel
 * on the runtime, which decides which addresses the app may reach. Allowed when the session
 * was admitted with {@code permit-port-forwarding}; each forward is audited.
 */
final class BridgedTcpipChannel extends RelayChannel {
    private final Runtimes runtimes;
    private final GatewayAudit audit;

    private BridgedTcpipChannel(Runtimes runtimes, GatewayAudit audit) {
        super("direct-tcpip");
        this.runtimes = runtimes;
        this.audit = audit;
    }

    static ChannelFactory factory(Runtimes runtimes, GatewayAudit audit) {
        return new NamedChannelFactory("direct-tcpip", () -> new BridgedTcpipChannel(runtimes, audit));
    }

    @Override
    protected PeerOpener peer(Buffer request) throws IOException {
        SshdSocketAddress target = new SshdSocketAddress(request.getString(), request.getInt());
        SshdSocketAddress originator = new SshdSocketAddress(request.getString(), request.getInt());
        ServerSession session = (ServerSession) getSession();
        if (!(session.getAttribute(GatewayAuthenticator.ADMISSION) instanceof Admission.Admitted admitted)
                || !admitted.permits().portForwarding()) {
            audit.refused("ssh.forward", session, "port forwarding is not permitted", "to", target.toString());
            throw new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
                    "port forwarding is not permitted here");
        }
        audit.forward(session, admitted, target.toString());
        return () -> {
            RelayPeer toRuntime = RelayPeer.directTcpip(target, originator);
            runtimes.of(session, admitted).getService(ConnectionService.class).registerChannel(toRuntime);
            return toRuntime;
        };
    }
}
