package io.webpaas.server.directory;

import io.webpaas.server.support.DirectoryFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.config.WebpaasProperties;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Tests run with webpaas.demo=false, so this calls the seeding directly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RecordApplicationEvents
class DemoDataTest {
    @Autowired
    DemoData demoData;
    @Autowired
    Directory directory;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    WebpaasProperties properties;
    @Autowired
    ApplicationEvents events;

    /** The PostgreSQL database outlives test runs: move an earlier run's demo data out of the way. */
    @BeforeEach
    void noDemoOrganization() {
        String suffix = DirectoryFixture.unique("");
        jdbc.sql("UPDATE organizations SET name = ? WHERE name = 'demo'").param("demo" + suffix).update();
        for (String user : DemoData.USERS) {
            jdbc.sql("UPDATE users SET username = ?, email = ? WHERE username = ?")
                    .params(user + suffix, user + suffix + "@example.com", user).update();
        }
    }

    @Test
    void seedsOnceThenLeavesTheDataAlone() throws Exception {
        DemoCredentials seeded = demoData.seedIfMissing().orElseThrow();
        assertThat(demoData.seedIfMissing()).as("second run").isEmpty();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM organizations WHERE name = 'demo'").query(Integer.class).single())
                .isOne();
        User demo = users.findByUsername("demo").orElseThrow();
        User viewer = users.findByUsername("viewer").orElseThrow();
        ProjectAccess project = directory.project(demo.uuid(), seeded.projectId()).orElseThrow();
        assertThat(project.role()).isEqualTo(Role.ADMIN);
        assertThat(project.project().title()).isEqualTo("Demo");
        assertThat(project.project().region()).isEqualTo(properties.region());
        assertThat(directory.project(viewer.uuid(), seeded.projectId())).map(ProjectAccess::role).hasValue(Role.VIEWER);

        SshTarget target = directory.resolve(seeded.projectId()).orElseThrow();
        assertThat(target.username()).hasToString(seeded.projectId() + "-main--app");
        assertThat(target.environment().type()).isEqualTo(EnvironmentType.PRODUCTION);
        assertThat(target.app().mounts()).containsExactly("web/uploads", "var");
        assertThat(target.app().relationships().open()).containsExactly(Map.entry("database",
                new Relationship("pgsql", "127.0.0.1", 5432, "main", "main", "main")));
        assertThat(target.app().runtimeHost() + ":" + target.app().runtimePort()).isEqualTo("127.0.0.1:2022");

        var file = properties.dataDir().resolve(DemoCredentials.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DemoCredentials.read(properties.dataDir())).hasValue(seeded);
        for (String user : List.of("demo", "viewer")) {
            String hash = jdbc.sql("SELECT password_hash FROM users WHERE username = ?").param(user)
                    .query(String.class).single();
            assertThat(passwords.matches(seeded.passwords().get(user), hash)).as(user + "'s password").isTrue();
        }
    }

    @Test
    void announcesTheDemoDataAtEveryStartSoOtherFeaturesCanRepairTheirs() {
        DemoCredentials seeded = demoData.seedIfMissing().orElseThrow();

        demoData.announce();
        demoData.announce();

        User demo = users.findByUsername("demo").orElseThrow();
        DemoDataSeeded announced = new DemoDataSeeded(demo, seeded.projectId());
        assertThat(events.stream(DemoDataSeeded.class)).containsExactly(announced, announced);
    }
}
