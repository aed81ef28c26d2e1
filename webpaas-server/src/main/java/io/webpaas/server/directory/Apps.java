package io.webpaas.server.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.webpaas.server.config.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code apps} table. Mounts are stored as JSON text; relationships, which carry the
 * services' credentials, as JSON sealed by {@link SecretBox} for that one app, and opened only
 * when {@link Relationships#open} is called.
 */
@Repository
public class Apps {
    private static final String COLUMNS =
            "project_id, environment, name, mounts, relationships, runtime_host, runtime_port, created_at";
    private static final TypeReference<List<String>> MOUNTS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Relationship>> RELATIONSHIPS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretBox box;

    public Apps(JdbcClient jdbc, JsonMapper json, SecretBox box) {
        this.jdbc = jdbc;
        this.json = json;
        this.box = box;
    }

    public App create(String projectId, String environment, String name, List<String> mounts,
                      Map<String, Relationship> relationships, String runtimeHost, int runtimePort) {
        App app = new App(projectId, environment, name, List.copyOf(mounts), Relationships.of(relationships),
                runtimeHost, runtimePort, Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO apps (project_id, environment, name, mounts, relationships, runtime_host, runtime_port,
                                  created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, environment, name, json.writeValueAsString(app.mounts()),
                        box.seal(relationshipsPurpose(projectId, environment, name),
                                json.writeValueAsBytes(relationships)),
                        runtimeHost, runtimePort,
                        Timestamp.from(app.createdAt()))
                .update();
        return app;
    }

    public Optional<App> find(String projectId, String environment, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM apps WHERE project_id = ? AND environment = ? AND name = ?")
                .params(projectId, environment, name).query(this::map).optional();
    }

    public List<App> list(String projectId, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM apps WHERE project_id = ? AND environment = ? ORDER BY name")
                .params(projectId, environment).query(this::map).list();
    }

    private App map(ResultSet rs, int row) throws SQLException {
        String projectId = rs.getString("project_id").trim();
        String environment = rs.getString("environment");
        String name = rs.getString("name");
        String purpose = relationshipsPurpose(projectId, environment, name);
        String sealed = rs.getString("relationships");
        return new App(projectId, environment, name, json.readValue(rs.getString("mounts"), MOUNTS),
                Relationships.sealed(() -> open(purpose, sealed)),
                rs.getString("runtime_host"), rs.getInt("runtime_port"), rs.getTimestamp("created_at").toInstant());
    }

    /** One exception for every way a damaged or misplaced row fails, naming the row and never its content. */
    private Map<String, Relationship> open(String purpose, String sealed) {
        try {
            return json.readValue(box.open(purpose, sealed), RELATIONSHIPS);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open " + purpose + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Binds the sealed value to its app, so it cannot be copied into another app's row. */
    private static String relationshipsPurpose(String projectId, String environment, String name) {
        return "apps.relationships:" + projectId + "/" + environment + "/" + name;
    }
}
