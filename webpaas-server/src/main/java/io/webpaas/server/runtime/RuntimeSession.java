package io.webpaas.server.runtime;

import io.webpaas.server.directory.SshTarget;
import io.webpaas.sshca.Permits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * Who an authenticated runtime connection serves: the app it reached and the end user the
 * internal certificate names (the gateway connects on their behalf).
 *
 * @param endUser the internal certificate's key ID
 * @param userUuid the end user's UUID when the key ID is one, else {@code null}
 * @param permits the certificate's {@code permit-*} extensions, which the runtime enforces again
 */
record RuntimeSession(SshTarget target, String endUser, UUID userUuid, Permits permits) {
    private static final AttributeKey<RuntimeSession> KEY = new AttributeKey<>();

    void attachTo(Session session) {
        session.setAttribute(KEY, this);
    }

    static RuntimeSession of(Session session) {
        RuntimeSession runtimeSession = session.getAttribute(KEY);
        if (runtimeSession == null) {
            throw new IllegalStateException("no runtime session on an authenticated connection");
        }
        return runtimeSession;
    }

    String username() {
        return target.username().toString();
    }

    /** Audits a refusal of something this connection asked for; the detail gets the username and end user. */
    void refused(RuntimeAudit audit, String type, Session session, String reason, Map<String, Object> detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", username());
        fields.put("end_user", endUser);
        fields.putAll(detail);
        audit.refused(type, session, userUuid, target.project().id(), reason, fields);
    }
}
