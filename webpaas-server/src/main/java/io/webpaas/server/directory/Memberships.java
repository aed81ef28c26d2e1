package io.webpaas.server.directory;

import java.util.LinkedHashMap;
import java.util.Map;
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

    /** The access document of a certificate: project id to role, for active projects. */
    public Map<String, Role> accessOf(UUID user) {
        Map<String, Role> access = new LinkedHashMap<>();
        jdbc.sql("SELECT project_id, role FROM memberships WHERE user_uuid = ? ORDER BY project_id")
                .param(user.toString())
                .query(rs -> {
                    access.put(rs.getString("project_id").trim(), Role.fromWire(rs.getString("role")));
                });
        return access;
    }
}
