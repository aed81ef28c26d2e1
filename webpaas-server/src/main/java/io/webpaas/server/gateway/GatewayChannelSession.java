package io.webpaas.server.gateway;

import java.io.IOException;
import java.util.Map;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler.Result;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel at the gateway: MINA's, plus the {@code permit-pty} and
 * {@code permit-agent-forwarding} gates and a record of whether the client asked for a terminal
 * and for agent forwarding, which the bridge asks the runtime for in turn. A window adjustment
 * also resumes a stderr write waiting for it (MINA 2.20 resumes only stdout's).
 */
final class GatewayChannelSession extends ChannelSession {
    static ChannelFactory factory(GatewayAudit audit) {
        return new NamedChannelFactory("session", () -> new GatewayChannelSession(audit));
    }

    /** On the user's connection once a session channel of it forwards the agent. */
    static final AttributeKey<Boolean> AGENT_FORWARDED = new AttributeKey<>();

    private final GatewayAudit audit;
    private volatile boolean ptyRequested;
    private volatile boolean agentRequested;

    private GatewayChannelSession(GatewayAudit audit) {
        this.audit = audit;
    }

    boolean ptyRequested() {
        return ptyRequested;
    }

    /** Whether the client asked to forward its agent and the identity permits it. */
    boolean agentRequested() {
        return agentRequested;
    }

    /** Tells the user the runtime's output has ended. */
    void eof() throws IOException {
        sendEof();
    }

    @Override
    public void handleWindowAdjust(Buffer buffer) throws IOException {
        super.handleWindowAdjust(buffer);
        if (asyncErr != null) {
            asyncErr.onWindowExpanded();
        }
    }

    /**
     * Accepted when permitted; the runtime gets the request with the shell or command, and agent
     * channels from it reach this connection only from then on, see {@link AgentRelayChannel}.
     */
    @Override
    protected Result handleAgentForwardingParsed(String requestType) {
        if (!(getSession().getAttribute(GatewayAuthenticator.ADMISSION) instanceof Admission.Admitted admitted)) {
            return Result.ReplyFailure; // the session only shows why access was refused
        }
        if (!admitted.permits().agentForwarding()) {
            audit.refused("ssh.agent_forward", getSession(), "the certificate does not permit agent forwarding");
            return Result.ReplyFailure;
        }
        agentRequested = true;
        getSession().setAttribute(AGENT_FORWARDED, Boolean.TRUE);
        return Result.ReplySuccess;
    }

    @Override
    protected Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
                                        Map<PtyMode, Integer> modes) throws IOException {
        if (getSession().getAttribute(GatewayAuthenticator.ADMISSION) instanceof Admission.Admitted admitted
                && !admitted.permits().pty()) {
            audit.refused("ssh.pty", getSession(), "the certificate does not permit a terminal");
            return Result.ReplyFailure;
        }
        ptyRequested = true;
        return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
    }
}
