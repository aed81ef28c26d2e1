package io.webpaas.server.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who is a member of which project, with which role. */
@Repository
public class Memberships {
    private final JdbcClient jdbc;

    public Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The access document of a certificate: project id to role. */
    public Map<String, Role> accessOf(UUID user) {
        Map<String, Role> access = new LinkedHashMap<>();
        jdbc.sql("SELECT project_id, role FROM memberships WHERE user_uuid = ? ORDER BY project_id")
                .param(user.toString())
                .query(rs -> {
                    access.put(rs.getString("project_id").trim(), Role.fromWire(rs.getString("role")));
                });
        return access;
    }

    public Optional<Role> roleOf(String projectId, UUID user) {
        return jdbc.sql("SELECT role FROM memberships WHERE project_id = ? AND user_uuid = ?")
                .params(projectId, user.toString())
                .query((rs, row) -> Role.fromWire(rs.getString("role"))).optional();
    }

    /** The user's projects with their role, oldest project first. */
    public List<ProjectAccess> projectsOf(UUID user) {
        return jdbc.sql("SELECT " + Projects.COLUMNS + ", m.role FROM projects p "
                        + "JOIN memberships m ON m.project_id = p.id WHERE m.user_uuid = ? ORDER BY p.created_at, p.id")
                .param(user.toString())
                .query((rs, row) -> new ProjectAccess(Projects.map(rs, row), Role.fromWire(rs.getString("role"))))
                .list();
    }

    public List<Member> membersOf(String projectId) {
        return jdbc.sql("""
                SELECT u.uuid, u.username, u.email, u.staff, u.totp_enabled, u.created_at,
                       m.role, m.created_at AS member_since
                FROM memberships m JOIN users u ON u.uuid = m.user_uuid
                WHERE m.project_id = ? ORDER BY u.username""")
                .param(projectId)
                .query((rs, row) -> new Member(Users.map(rs, row), Role.fromWire(rs.getString("role")),
                        rs.getTimestamp("member_since").toInstant()))
                .list();
    }

    /** Adds the user to the project, or changes their role when they are a member already. */
    public void set(String projectId, UUID user, Role role) {
        int updated = jdbc.sql("UPDATE memberships SET role = ? WHERE project_id = ? AND user_uuid = ?")
                .params(role.wire(), projectId, user.toString()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO memberships (project_id, user_uuid, role, created_at) VALUES (?, ?, ?, ?)")
                    .params(projectId, user.toString(), role.wire(), Timestamp.from(Instant.now())).update();
        }
    }

    /** Whether the user was a member. */
    public boolean remove(String projectId, UUID user) {
        return jdbc.sql("DELETE FROM memberships WHERE project_id = ? AND user_uuid = ?")
                .params(projectId, user.toString()).update() > 0;
    }

    public int adminCount(String projectId) {
        return jdbc.sql("SELECT COUNT(*) FROM memberships WHERE project_id = ? AND role = 'admin'")
                .param(projectId).query(Integer.class).single();
    }
}
