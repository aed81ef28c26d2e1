package io.webpaas.server.gateway;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.Directory;
import io.webpaas.server.directory.ProjectAccess;
import io.webpaas.server.directory.Role;
import io.webpaas.server.directory.SshTarget;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.keys.RegisteredKey;
import io.webpaas.sshca.Permits;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * One decision for both kinds of identity: the target exists and is active; the role is admin
 * or contributor (from the certificate's access document, or the membership of a registered
 * account key's owner; a project key counts as contributor on its project); the
 * organization's MFA policy is met (only a certificate with {@code mfa@webpaas} can); a staff
 * certificate names this gateway's region and carries a ticket, and then reaches any project
 * whose organization's MFA policy it meets.
 */
@Component
@Conditional(OnGatewayRole.class)
class AccessPolicy {
    private final Directory directory;
    private final Users users;
    private final WebpaasProperties properties;

    AccessPolicy(Directory directory, Users users, WebpaasProperties properties) {
        this.directory = directory;
        this.users = users;
        this.properties = properties;
    }

    Admission decide(Identity identity, String sshUsername) {
        Optional<SshTarget> target = directory.resolve(sshUsername);
        return switch (identity) {
            case CertificateIdentity certificate -> target.map(found -> certificate(certificate, found, sshUsername))
                    .orElseGet(() -> noTarget(certificate, certificate.user(), sshUsername));
            case KeyIdentity key -> target.map(found -> key(key, found, sshUsername))
                    .orElseGet(() -> noTarget(key, null, sshUsername));
        };
    }

    private Admission certificate(CertificateIdentity identity, SshTarget target, String sshUsername) {
        String projectId = target.project().id();
        if (identity.staff() != null) {
            return staff(identity, target);
        }
        String granted = identity.access().get(projectId);
        if (granted == null) {
            // someone outside the project sees the name they typed, not its default environment's and app's
            return refuse(identity, identity.user(), target, sshUsername, "not a member",
                    "You are not a member of project " + projectId);
        }
        Role role = Role.fromWire(granted);
        if (!role.maySsh()) {
            return viewer(identity, identity.user(), target);
        }
        if (target.organization().enforceMfa() && !identity.mfa()) {
            return mfaRequired(identity, identity.user(), target, "");
        }
        return new Admission.Admitted(identity, identity.user(), identity.user().toString(), target, role,
                identity.permits(), null);
    }

    private Admission staff(CertificateIdentity identity, SshTarget target) {
        CertificateIdentity.Staff staff = identity.staff();
        if (!properties.region().equals(staff.region())) {
            return refuse(identity, identity.user(), target, "staff region " + staff.region(),
                    "This staff certificate is for region " + staff.region() + "; this gateway serves region "
                            + properties.region() + ". Request a certificate for region " + properties.region());
        }
        if (staff.ticket() == null || staff.ticket().isBlank()) {
            return refuse(identity, identity.user(), target, "staff without ticket",
                    "Staff access needs a ticket in the certificate");
        }
        if (target.organization().enforceMfa() && !identity.mfa()) {
            return mfaRequired(identity, identity.user(), target, ""); // staff reach any project, never around its policy
        }
        return new Admission.Admitted(identity, identity.user(), identity.user().toString(), target, Role.ADMIN,
                identity.permits(), null);
    }

    private Admission key(KeyIdentity identity, SshTarget target, String sshUsername) {
        String projectId = target.project().id();
        Optional<RegisteredKey> projectKey = identity.registrations().stream()
                .filter(key -> projectId.equals(key.projectId())).findFirst();
        if (projectKey.isPresent()) {
            return admitKey(identity, null, "project-key:" + projectKey.get().id(), target, Role.CONTRIBUTOR,
                    projectKey.get());
        }
        for (RegisteredKey key : identity.registrations()) {
            if (key.userUuid() == null) {
                continue;
            }
            Optional<ProjectAccess> access = directory.project(key.userUuid(), projectId);
            if (access.isPresent()) {
                return access.get().role().maySsh()
                        ? admitKey(identity, key.userUuid(), key.userUuid().toString(), target, access.get().role(), key)
                        : viewer(identity, key.userUuid(), target);
            }
        }
        return refuse(identity, null, target, sshUsername, "key not registered for the project", "The key "
                + identity.fingerprint() + " is registered neither to project " + projectId
                + " nor to the account of one of its members");
    }

    private Admission admitKey(KeyIdentity identity, UUID user, String endUser, SshTarget target, Role role,
                               RegisteredKey key) {
        if (target.organization().enforceMfa()) {
            return mfaRequired(identity, user, target, "\nRegistered SSH keys cannot prove MFA: log in with MFA "
                    + "(webpaas login) and use a certificate (webpaas ssh-cert:load)");
        }
        return new Admission.Admitted(identity, user, endUser, target, role, Permits.ALL, key);
    }

    private Admission viewer(Identity identity, UUID user, SshTarget target) {
        return refuse(identity, user, target, "viewer", "Your role on project " + target.project().id()
                + " is viewer; SSH needs the contributor or admin role");
    }

    private Admission mfaRequired(Identity identity, UUID user, SshTarget target, String more) {
        String service = target.username().toString();
        return new Admission.Refused(identity, user, target.project().id(), service, "mfa required",
                new AccessDenied(service, who(identity, user), AccessDenied.MFA_PARAMETERS,
                        AccessDenied.MFA_DETAIL + more).text());
    }

    private Admission noTarget(Identity identity, UUID user, String sshUsername) {
        return new Admission.Refused(identity, user, null, sshUsername, "no such target",
                new AccessDenied(sshUsername, who(identity, user), AccessDenied.NO_PARAMETERS,
                        "No active project, environment and app answer to " + sshUsername).text());
    }

    private Admission refuse(Identity identity, UUID user, SshTarget target, String reason, String detail) {
        return refuse(identity, user, target, target.username().toString(), reason, detail);
    }

    private Admission refuse(Identity identity, UUID user, SshTarget target, String service, String reason,
                             String detail) {
        return new Admission.Refused(identity, user, target.project().id(), service, reason,
                new AccessDenied(service, who(identity, user), AccessDenied.NO_PARAMETERS, detail).text());
    }

    /** {@code alice (7b1e…)}, or the key for a project key. */
    private String who(Identity identity, UUID user) {
        if (user == null) {
            return "key " + identity.fingerprint();
        }
        return users.find(user).map(User::username).orElse("unknown user") + " (" + user + ")";
    }
}
