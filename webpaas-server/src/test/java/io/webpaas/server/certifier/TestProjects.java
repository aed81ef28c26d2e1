package io.webpaas.server.certifier;

import io.webpaas.server.directory.Role;
import io.webpaas.server.directory.User;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Unique projects for one test, so tests can share a PostgreSQL database. */
final class TestProjects {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    TestProjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new project (in a new organization) where {@code user} has {@code role}; returns its ID. */
    String projectWith(User user, Role role) {
        String organization = UUID.randomUUID().toString();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            id.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO organizations (id, name, label, created_at) VALUES (?, ?, ?, ?)")
                .params(organization, "org-" + organization, "Test organization", now).update();
        jdbc.sql("""
                INSERT INTO projects (id, organization_id, title, region, default_environment, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id.toString(), organization, "Test project", "local", "main", now).update();
        jdbc.sql("INSERT INTO memberships (project_id, user_uuid, role, created_at) VALUES (?, ?, ?, ?)")
                .params(id.toString(), user.uuid().toString(), role.wire(), now).update();
        return id.toString();
    }
}
