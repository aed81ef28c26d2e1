package io.webpaas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationStartsTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsRunOnTheConfiguredDatabase() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single()).isNotNegative();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM memberships").query(Long.class).single()).isNotNegative();
    }
}
