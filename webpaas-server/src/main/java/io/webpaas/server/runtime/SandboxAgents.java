package io.webpaas.server.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.forward.AgentForwardingFilter;
import org.springframework.stereotype.Component;

/**
 * Agent forwarding into the sandbox, when the internal certificate has
 * {@code permit-agent-forwarding} (refusals audited). MINA asks for an agent server when the client sends
 * {@code auth-agent-req@openssh.com}; this one is an {@link AgentSocket}, remembered on the
 * connection so sessions bind exactly that socket (never a path a client named in {@code env}).
 */
@Component
class SandboxAgents implements SshAgentFactory, AgentForwardingFilter {
    private static final AttributeKey<AgentSocket> AGENT = new AttributeKey<>();

    private final RuntimeAudit audit;

    SandboxAgents(RuntimeAudit audit) {
        this.audit = audit;
    }

    /** The connection's forwarded agent socket, or {@code null} when the client did not forward one. */
    static Path socketOf(Session session) {
        AgentSocket agent = session.getAttribute(AGENT);
        return agent == null ? null : agent.socket();
    }

    @Override
    public boolean canForwardAgent(Session session, String requestType) {
        RuntimeSession runtime = RuntimeSession.of(session);
        if (!runtime.permits().agentForwarding()) {
            runtime.refused(audit, "runtime.agent_forward", session, "the certificate does not permit agent forwarding",
                    Map.of());
        }
        return runtime.permits().agentForwarding();
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) throws IOException {
        AgentSocket agent = new AgentSocket(service);
        service.getSession().setAttribute(AGENT, agent);
        return agent;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) {
        throw new UnsupportedOperationException("the runtime only forwards agents into sessions");
    }
}
