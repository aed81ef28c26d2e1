package io.webpaas.server.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code projects} table. */
@Repository
public class Projects {
    static final String COLUMNS = "p.id, p.organization_id, p.title, p.region, p.default_environment, p.created_at";

    private final JdbcClient jdbc;

    public Projects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a project under a fresh random ID. Times are kept to the microsecond, as both databases store them. */
    public Project create(String organizationId, String title, String region, String defaultEnvironment) {
        Project project = new Project(ProjectIds.next(), organizationId, title, region, defaultEnvironment,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO projects (id, organization_id, title, region, default_environment, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(project.id(), organizationId, title, region, defaultEnvironment,
                        Timestamp.from(project.createdAt()))
                .update();
        return project;
    }

    public Optional<Project> find(String id) {
        if (!ProjectIds.isValid(id)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM projects p WHERE p.id = ?")
                .param(id).query(Projects::map).optional();
    }

    /**
     * Locks the project's row until the transaction ends, so that checks across its rows
     * (such as "another admin remains") cannot race with each other.
     */
    public void lock(String id) {
        jdbc.sql("SELECT id FROM projects WHERE id = ? FOR UPDATE").param(id).query(String.class).optional();
    }

    static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getString("id").trim(), rs.getString("organization_id"), rs.getString("title"),
                rs.getString("region"), rs.getString("default_environment"),
                rs.getTimestamp("created_at").toInstant());
    }
}
