package io.webpaas.server.auth;

import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The confidential client of internal services: RFC 7662 introspection by a remote Certifier
 * or gateway, and the auth service's internal API ({@code /internal/v1}, the gateway's key
 * lookups). Its secret comes from {@code webpaas.internal-client-secret}; when that is empty
 * (all-in-one) it is generated once into {@code <dataDir>/internal-client-secret} (mode 0600).
 * Only its SHA-256 is kept for checking what callers present.
 */
@Component
public class InternalClient {
    public static final String CLIENT_ID = "webpaas-internal";
    private static final String FILE = "internal-client-secret";

    private final String secret;
    private final String secretHash;

    public InternalClient(WebpaasProperties properties, @Value("${webpaas.internal-client-secret:}") String configured) {
        this.secret = configured.isBlank() ? loadOrCreate(properties.dataDir().resolve(FILE)) : configured.trim();
        this.secretHash = TokenHash.sha256(secret);
    }

    public String secret() {
        return secret;
    }

    /** Whether a caller presented this client's credentials; the secret is compared in constant time. */
    public boolean authenticates(String clientId, String presentedSecret) {
        return CLIENT_ID.equals(clientId) && presentedSecret != null && TokenHash.matches(presentedSecret, secretHash);
    }

    /** The {@code Authorization} header a service sends to call the auth service as this client. */
    public String basicAuthorization() {
        return basicAuthorization(CLIENT_ID, secret);
    }

    /** HTTP Basic credentials, each part form-encoded first as RFC 6749 §2.3.1 says. */
    public static String basicAuthorization(String clientId, String clientSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
