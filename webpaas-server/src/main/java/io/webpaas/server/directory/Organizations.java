package io.webpaas.server.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code organizations} and {@code organization_members} tables. */
@Repository
public class Organizations {
    private static final String COLUMNS = "o.id, o.name, o.label, o.enforce_mfa, o.created_at";

    private final JdbcClient jdbc;

    public Organizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Organization create(String name, String label, boolean enforceMfa) {
        Organization organization = new Organization(UUID.randomUUID().toString(), name, label, enforceMfa,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("INSERT INTO organizations (id, name, label, enforce_mfa, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(organization.id(), name, label, enforceMfa, Timestamp.from(organization.createdAt()))
                .update();
        return organization;
    }

    public Optional<Organization> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations o WHERE o.id = ?")
                .param(id).query(Organizations::map).optional();
    }

    public Optional<Organization> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organizations o WHERE o.name = ?")
                .param(name).query(Organizations::map).optional();
    }

    /** Adds the user, or changes their role when they are a member already. */
    public void setMember(String organizationId, UUID user, OrganizationRole role) {
        int updated = jdbc.sql("UPDATE organization_members SET role = ? WHERE organization_id = ? AND user_uuid = ?")
                .params(role.wire(), organizationId, user.toString()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO organization_members (organization_id, user_uuid, role) VALUES (?, ?, ?)")
                    .params(organizationId, user.toString(), role.wire()).update();
        }
    }

    public void setEnforceMfa(String organizationId, boolean enforceMfa) {
        jdbc.sql("UPDATE organizations SET enforce_mfa = ? WHERE id = ?").params(enforceMfa, organizationId).update();
    }

    /** Members of the organization or of its projects who have not enabled TOTP. */
    public int membersWithoutMfa(String organizationId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM users u WHERE u.totp_enabled = FALSE AND u.uuid IN (
                    SELECT m.user_uuid FROM organization_members m WHERE m.organization_id = :org
                    UNION SELECT p.user_uuid FROM memberships p JOIN projects r ON r.id = p.project_id
                     WHERE r.organization_id = :org)""")
                .param("org", organizationId).query(Integer.class).single();
    }

    /** The organizations in which the user may create projects, by name. */
    public List<Organization> administeredBy(UUID user) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM organizations o JOIN organization_members m ON m.organization_id = o.id
                WHERE m.user_uuid = ? AND m.role = 'admin' ORDER BY o.name""")
                .param(user.toString()).query(Organizations::map).list();
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getString("id"), rs.getString("name"), rs.getString("label"),
                rs.getBoolean("enforce_mfa"), rs.getTimestamp("created_at").toInstant());
    }
}
