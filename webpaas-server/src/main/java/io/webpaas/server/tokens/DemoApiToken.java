package io.webpaas.server.tokens;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.DemoDataSeeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * All-in-one: an API token for the demo user in {@code <dataDir>/demo-api-token} (mode
 * 0600), so scripts can try the API at once. A token that still works is kept across restarts.
 */
@Component
class DemoApiToken {
    private static final Logger log = LoggerFactory.getLogger(DemoApiToken.class);
    static final String FILE = "demo-api-token";

    private final ApiTokens tokens;
    private final Path file;

    DemoApiToken(ApiTokens tokens, WebpaasProperties properties) {
        this.tokens = tokens;
        this.file = properties.dataDir().resolve(FILE);
    }

    @EventListener
    void onDemoData(DemoDataSeeded seeded) {
        try {
            if (Files.exists(file) && tokens.isActive(Files.readString(file).strip())) {
                return;
            }
            NewApiToken created = tokens.create(seeded.demo().uuid(), "demo", null, null);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, created.secret() + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.info("API token for user demo written to {}", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo API token to " + file, e);
        }
    }
}
