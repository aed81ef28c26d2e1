package io.webpaas.server.runtime;

import io.webpaas.server.directory.SshTarget;
import java.util.UUID;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * Who an authenticated runtime connection serves: the app it reached and the end user the
 * internal certificate names (the gateway connects on their behalf).
 *
 * @param endUser the internal certificate's key ID
 * @param userUuid the end user's UUID when the key ID is one, else {@code null}
 * @param agentForwarding whether the certificate has {@code permit-agent-forwarding}
 */
record RuntimeSession(SshTarget target, String endUser, UUID userUuid, boolean agentForwarding) {
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
}
