package io.webpaas.server.runtime;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.sshd.common.session.Session;
import org.springframework.stereotype.Component;

/** The runtime's refusals in the audit log; sessions themselves are audited by the gateway. */
@Component
class RuntimeAudit {
    private final AuditLog audit;

    RuntimeAudit(AuditLog audit) {
        this.audit = audit;
    }

    void refused(String type, Session session, UUID user, String projectId, String reason, Map<String, Object> detail) {
        Map<String, Object> fields = new LinkedHashMap<>(detail);
        fields.put("reason", reason);
        audit.record(AuditEvent.failure(type, user, projectId, address(session.getIoSession().getRemoteAddress()), fields));
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
