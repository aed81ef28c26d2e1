package io.webpaas.server.gateway;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The gateway's audit events: {@code ssh.auth} (identity), {@code ssh.access} (the
 * authorization decision, with a staff member's region and ticket), {@code ssh.exec},
 * {@code ssh.session.start} and {@code ssh.session.end} (bytes each way, duration, exit status),
 * {@code ssh.forward} (a {@code direct-tcpip} channel and where it goes), {@code ssh.agent_forward}, and
 * {@code ssh.pty} only when refused.
 */
@Component
@Conditional(OnGatewayRole.class)
class GatewayAudit {
    /** The types of {@link #refused} events already audited on a connection. */
    private static final AttributeKey<Set<String>> REFUSALS_AUDITED = new AttributeKey<>();

    private final AuditLog audit;

    GatewayAudit(AuditLog audit) {
        this.audit = audit;
    }

    void authFailed(Session session, String username, String method, String fingerprint, String reason) {
        audit.record(AuditEvent.failure("ssh.auth", null, null, address(session),
                detail(username, "method", method, "fingerprint", fingerprint, "reason", reason)));
    }

    void authenticated(Session session, Admission admission) {
        Identity identity = admission.identity();
        Map<String, Object> detail = detail(session.getUsername(), "method", identity.method(),
                "fingerprint", identity.fingerprint());
        if (identity instanceof CertificateIdentity certificate) {
            detail.put("serial", certificate.serial());
        }
        if (admission instanceof Admission.Admitted admitted && admitted.key() != null) {
            detail.put("key_id", admitted.key().id());
        }
        audit.record(AuditEvent.success("ssh.auth", admission.user(), null, address(session), detail));
        switch (admission) {
            case Admission.Admitted admitted -> audit.record(AuditEvent.success("ssh.access", admitted.user(),
                    admitted.target().project().id(), address(session), access(session, admitted)));
            case Admission.Refused refused -> audit.record(AuditEvent.failure("ssh.access", refused.user(),
                    refused.projectId(), address(session), detail(session.getUsername(), "reason", refused.reason())));
        }
    }

    void sessionStarted(Session session, Admission.Admitted admitted, String request) {
        audit.record(AuditEvent.success("ssh.session.start", admitted.user(), admitted.target().project().id(),
                address(session), detail(session.getUsername(), "request", request)));
    }

    void exec(Session session, Admission.Admitted admitted, String command) {
        audit.record(AuditEvent.success("ssh.exec", admitted.user(), admitted.target().project().id(),
                address(session), detail(session.getUsername(), "command", command)));
    }

    void sessionEnded(Session session, Admission.Admitted admitted, String request, SessionOutcome outcome) {
        Map<String, Object> detail = detail(session.getUsername(), "request", request,
                "bytes_in", outcome.bytesIn(), "bytes_out", outcome.bytesOut(),
                "duration_ms", outcome.duration().toMillis());
        detail.put("exit_status", outcome.exitStatus());
        if (outcome.exitSignal() != null) {
            detail.put("exit_signal", outcome.exitSignal());
        }
        if (outcome.error() != null) {
            detail.put("error", outcome.error());
        }
        String project = admitted.target().project().id();
        audit.record(outcome.error() == null
                ? AuditEvent.success("ssh.session.end", admitted.user(), project, address(session), detail)
                : AuditEvent.failure("ssh.session.end", admitted.user(), project, address(session), detail));
    }

    void forward(Session session, Admission.Admitted admitted, String target) {
        audit.record(AuditEvent.success("ssh.forward", admitted.user(), admitted.target().project().id(),
                address(session), detail(session.getUsername(), "to", target)));
    }

    void agentForward(Session session, Admission.Admitted admitted) {
        audit.record(AuditEvent.success("ssh.agent_forward", admitted.user(), admitted.target().project().id(),
                address(session), detail(session.getUsername())));
    }

    /**
     * A request refused for want of a {@code permit-*} (a terminal, agent forwarding, a forward),
     * or a forward on a connection refused access. Only the first of each type on a connection is
     * audited: a client may repeat a request as often as it likes, and the audit queue must not
     * be a way to stall the gateway.
     */
    void refused(String type, Session session, String reason, Object... pairs) {
        Set<String> audited = session.computeAttributeIfAbsent(REFUSALS_AUDITED,
                ignored -> ConcurrentHashMap.newKeySet());
        if (!audited.add(type)) {
            return;
        }
        Admission admission = session.getAttribute(GatewayAuthenticator.ADMISSION);
        String project = admission instanceof Admission.Admitted admitted ? admitted.target().project().id() : null;
        Map<String, Object> detail = detail(session.getUsername(), pairs);
        detail.put("reason", reason);
        audit.record(AuditEvent.failure(type, admission == null ? null : admission.user(), project, address(session),
                detail));
    }

    private static Map<String, Object> access(Session session, Admission.Admitted admitted) {
        Map<String, Object> detail = detail(session.getUsername(), "target", admitted.target().username().toString(),
                "role", admitted.role().wire());
        if (admitted.identity() instanceof CertificateIdentity certificate && certificate.staff() != null) {
            detail.put("staff", certificate.staff().username());
            detail.put("region", certificate.staff().region());
            detail.put("ticket", certificate.staff().ticket());
        }
        return detail;
    }

    /** The SSH username first, then name/value pairs; {@code null} values are left out. */
    private static Map<String, Object> detail(String username, Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("username", username);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                detail.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return detail;
    }

    /** The client's address: behind a load balancer, the one its PROXY protocol header named. */
    static String address(Session session) {
        SocketAddress address = session.getRemoteAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
