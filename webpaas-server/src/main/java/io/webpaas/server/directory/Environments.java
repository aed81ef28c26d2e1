package io.webpaas.server.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code environments} table. */
@Repository
public class Environments {
    private static final String COLUMNS = "project_id, machine_name, name, type, active, default_app, created_at";

    private final JdbcClient jdbc;

    public Environments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Environment create(String projectId, String machineName, String name, EnvironmentType type,
                              boolean active) {
        Environment environment = new Environment(projectId, machineName, name, type, active, null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO environments (project_id, machine_name, name, type, active, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(projectId, machineName, name, type.wire(), active, Timestamp.from(environment.createdAt()))
                .update();
        return environment;
    }

    public Optional<Environment> find(String projectId, String machineName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM environments WHERE project_id = ? AND machine_name = ?")
                .params(projectId, machineName).query(Environments::map).optional();
    }

    public List<Environment> list(String projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM environments WHERE project_id = ? ORDER BY machine_name")
                .param(projectId).query(Environments::map).list();
    }

    /** Makes {@code app} the default unless the environment has one already. */
    public void defaultAppIfNone(String projectId, String machineName, String app) {
        jdbc.sql("""
                UPDATE environments SET default_app = ?
                WHERE project_id = ? AND machine_name = ? AND default_app IS NULL""")
                .params(app, projectId, machineName).update();
    }

    private static Environment map(ResultSet rs, int row) throws SQLException {
        return new Environment(rs.getString("project_id").trim(), rs.getString("machine_name"), rs.getString("name"),
                EnvironmentType.fromWire(rs.getString("type")), rs.getBoolean("active"), rs.getString("default_app"),
                rs.getTimestamp("created_at").toInstant());
    }
}
