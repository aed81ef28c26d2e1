package io.webpaas.server.directory;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * An organization's settings, for its admins: whether the gateway demands MFA over SSH, and
 * how many members that would lock out until they enroll. Changes and refusals are audited.
 */
@Service
public class OrganizationSettings {
    private final Organizations organizations;
    private final AuditLog audit;

    public OrganizationSettings(Organizations organizations, AuditLog audit) {
        this.organizations = organizations;
        this.audit = audit;
    }

    /** The organization, when the actor administers it; otherwise a 404 that does not tell whether it exists. */
    public Organization requireAdmin(Actor actor, String name, String action) {
        return organizations.administeredBy(actor.userUuid()).stream()
                .filter(organization -> organization.name().equals(name)).findFirst()
                .orElseThrow(() -> {
                    ApiException refusal = ApiException.notFound("No organization '" + name + "' that you administer");
                    audit.record(actor.refused(action, null, refusal));
                    return refusal;
                });
    }

    public int membersWithoutMfa(Organization organization) {
        return organizations.membersWithoutMfa(organization.id());
    }

    public void enforceMfa(Actor actor, String name, boolean enforce) {
        Organization organization = requireAdmin(actor, name, "organization.enforce_mfa");
        organizations.setEnforceMfa(organization.id(), enforce);
        audit.record(actor.success("organization.enforce_mfa", null,
                Map.of("organization", organization.name(), "enforce_mfa", enforce)));
    }
}
