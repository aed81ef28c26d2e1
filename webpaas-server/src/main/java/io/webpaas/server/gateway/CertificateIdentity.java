package io.webpaas.server.gateway;

import io.webpaas.sshca.Permits;
import java.util.Map;
import java.util.UUID;

/**
 * A user certificate that passed the offline checks, with what its extensions say.
 *
 * @param access project ID to role, from {@code access@webpaas}
 * @param mfa whether {@code mfa@webpaas} is present
 * @param staff the staff grant, or {@code null} for a customer
 */
record CertificateIdentity(UUID user, String fingerprint, String serial, Map<String, String> access, boolean mfa,
                           Staff staff, Permits permits) implements Identity {

    /** {@code staff@webpaas}, {@code region@webpaas}, {@code ticket@webpaas}. */
    record Staff(String username, String region, String ticket) {
    }

    @Override
    public String method() {
        return "certificate";
    }
}
