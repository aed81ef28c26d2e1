package io.webpaas.server.gateway;

import java.io.IOException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;

/**
 * Agent forwarding across the bridge: when a program on the runtime uses the forwarded agent,
 * the runtime opens an {@code auth-agent@openssh.com} channel to the gateway, which opens one
 * to the user's {@code ssh -A} and joins the two. The user's agent answers every request
 * itself, so certificates and signature algorithms are whatever the user's agent supports.
 */
final class AgentRelayChannel extends RelayChannel {
    static final String TYPE = "auth-agent@openssh.com";
    static final ChannelFactory FACTORY = new NamedChannelFactory(TYPE, AgentRelayChannel::new);

    private AgentRelayChannel() {
        super(TYPE);
    }

    @Override
    protected PeerOpener peer(Buffer request) throws IOException {
        ServerSession user = getSession().getAttribute(Runtimes.USER_SESSION);
        if (user == null || !user.isOpen()) {
            throw new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
                    "no user session to forward the agent to");
        }
        // A kept runtime connection outlives the session that forwarded an agent (an OpenSSH runtime keeps
        // the agent socket per connection): a later user session that did not forward one gets no requests.
        if (!Boolean.TRUE.equals(user.getAttribute(GatewayChannelSession.AGENT_FORWARDED))) {
            throw new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
                    "the user session did not forward an agent");
        }
        return () -> {
            RelayPeer toUser = RelayPeer.of(TYPE);
            user.getService(ConnectionService.class).registerChannel(toUser);
            return toUser;
        };
    }
}
