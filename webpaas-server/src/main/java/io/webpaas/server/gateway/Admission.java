package io.webpaas.server.gateway;

import io.webpaas.server.directory.Role;
import io.webpaas.server.directory.SshTarget;
import io.webpaas.server.keys.RegisteredKey;
import io.webpaas.sshca.Permits;
import java.util.UUID;

/** The gateway's one authorization decision for an identity and an SSH username. */
sealed interface Admission {

    Identity identity();

    /** The person, or {@code null} for a project key, which belongs to no one. */
    UUID user();

    /**
     * Enters the target.
     *
     * @param endUser how the runtime is told who this is: the user UUID, or {@code project-key:<id>}
     * @param key the registration that admitted a key identity, or {@code null} for a certificate
     */
    record Admitted(Identity identity, UUID user, String endUser, SshTarget target, Role role, Permits permits,
                    RegisteredKey key) implements Admission {
    }

    /**
     * Valid identity, no entry: {@code message} is printed to the user in the session.
     *
     * @param projectId the project asked for, or {@code null} when no target answers to the name:
     *                  its admins see the refusal in its audit log
     * @param reason the short reason for the audit log
     */
    record Refused(Identity identity, UUID user, String projectId, String service, String reason, String message)
            implements Admission {
    }
}
