package io.webpaas.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.DemoDataSeeded;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApiTokenTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    WebpaasProperties properties;
    @Autowired
    ApiTokens tokens;

    @Test
    void demoTokenIsWrittenOnceAndReplacedWhenItStopsWorking() throws Exception {
        TestUser demo = new TestUsers(context).create();
        Path file = properties.dataDir().resolve(DemoApiToken.FILE);
        Files.deleteIfExists(file);

        context.publishEvent(new DemoDataSeeded(demo.user(), "abcdefghijklm"));
        String first = Files.readString(file).strip();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new TestUsers(context).exchange(first).path("access_token").asString()).isNotBlank();

        context.publishEvent(new DemoDataSeeded(demo.user(), "abcdefghijklm"));
        assertThat(Files.readString(file).strip()).as("a working token is kept").isEqualTo(first);

        tokens.revoke(demo.user().uuid(), tokens.list(demo.user().uuid()).getLast().id(), null);
        context.publishEvent(new DemoDataSeeded(demo.user(), "abcdefghijklm"));
        String second = Files.readString(file).strip();
        assertThat(second).isNotEqualTo(first);
        assertThat(tokens.isActive(second)).isTrue();
    }
}
