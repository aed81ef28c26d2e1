package io.webpaas.server.runtime;

import io.webpaas.server.directory.Relationship;
import java.util.Map;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code direct-tcpip} reaches the app's relationships only (their host and port exactly);
 * listening on the runtime ({@code tcpip-forward}) is never allowed. Every refusal is audited.
 */
@Component
class RelationshipForwarding implements TcpForwardingFilter {
    private static final Logger log = LoggerFactory.getLogger(RelationshipForwarding.class);
    private final RuntimeAudit audit;

    RelationshipForwarding(RuntimeAudit audit) {
        this.audit = audit;
    }

    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        return refuse(session, address, "remote forwarding is not offered by the runtime");
    }

    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
        RuntimeSession runtime = RuntimeSession.of(session);
        if (!runtime.permits().portForwarding()) {
            return refuse(session, address, "the certificate does not permit port forwarding");
        }
        Map<String, Relationship> relationships;
        try {
            relationships = runtime.target().app().relationships().open();
        } catch (IllegalStateException e) {
            // MINA would close the whole connection on an exception here, with no word to the user
            log.error("cannot open the relationships of {}: {}", runtime.target().username(), e.getMessage());
            return refuse(session, address, "the app's relationships cannot be opened");
        }
        boolean relationship = relationships.values().stream().anyMatch(candidate -> matches(candidate, address));
        return relationship || refuse(session, address, "not one of the app's relationships");
    }

    private static boolean matches(Relationship relationship, SshdSocketAddress address) {
        return relationship.port() == address.getPort() && relationship.host().equalsIgnoreCase(address.getHostName());
    }

    private boolean refuse(Session session, SshdSocketAddress address, String reason) {
        RuntimeSession.of(session).refused(audit, "runtime.port_forward", session, reason,
                Map.of("target", address.getHostName() + ":" + address.getPort()));
        return false;
    }
}
