package io.webpaas.server.auth;

import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The confidential OAuth2 client of internal services (RFC 7662 introspection by a remote
 * Certifier or gateway). Its secret comes from {@code webpaas.internal-client-secret}; when
 * that is empty (all-in-one) it is generated once into {@code <dataDir>/internal-client-secret}
 * (mode 0600). The authorization server keeps only its SHA-256.
 */
@Component
public class InternalClient {
    public static final String CLIENT_ID = "webpaas-internal";
    private static final String FILE = "internal-client-secret";

    private final String secret;

    public InternalClient(WebpaasProperties properties, @Value("${webpaas.internal-client-secret:}") String configured) {
        this.secret = configured.isBlank() ? loadOrCreate(properties.dataDir().resolve(FILE)) : configured.trim();
    }

    public String secret() {
        return secret;
    }

    private static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the internal client secret " + file, e);
        }
    }
}
