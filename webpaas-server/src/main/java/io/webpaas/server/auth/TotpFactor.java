package io.webpaas.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.SecretBox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A user's TOTP second factor: enrollment (secret sealed by {@link SecretBox} in
 * {@code users.totp_secret}, enabled once a first code confirms it) and verification at
 * login. The last accepted time step is stored, so a code works once.
 */
@Service
public class TotpFactor {
    private static final String PURPOSE = "users.totp_secret";
    private static final String ISSUER = "WebPaaS";

    /** What an authenticator app needs. */
    public record Enrollment(String secret, @JsonProperty("otpauth_uri") String otpauthUri) {
    }

    public enum Outcome { ACCEPTED, WRONG_CODE, NOT_ENROLLED, ALREADY_ENABLED }

    private record Stored(String sealedSecret, boolean enabled) {
    }

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public TotpFactor(JdbcClient jdbc, SecretBox box, AuditLog audit) {
        this.jdbc = jdbc;
        this.box = box;
        this.audit = audit;
    }

    /** A new secret, not yet enabled; empty when TOTP is already enabled. */
    public Optional<Enrollment> enroll(UUID user, String username) {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        int updated = jdbc.sql("UPDATE users SET totp_secret = ?, totp_last_step = NULL WHERE uuid = ? AND totp_enabled = FALSE")
                .params(box.seal(PURPOSE, secret), user.toString()).update();
        if (updated == 0) {
            return Optional.empty();
        }
        String base32 = Totp.base32(secret);
        String label = ISSUER + ":" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of(new Enrollment(base32,
                "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER));
    }

    /** Enables TOTP when the code matches the enrolled secret. */
    public Outcome confirm(UUID user, String code, String clientAddress) {
        Stored stored = stored(user);
        if (stored == null || stored.sealedSecret() == null) {
            return Outcome.NOT_ENROLLED;
        }
        if (stored.enabled()) {
            return Outcome.ALREADY_ENABLED;
        }
        Outcome outcome = accept(user, stored, code, "UPDATE users SET totp_enabled = TRUE, totp_last_step = ? "
                + "WHERE uuid = ? AND totp_enabled = FALSE AND (totp_last_step IS NULL OR totp_last_step < ?)");
        record(outcome, "totp.enabled", user, clientAddress);
        return outcome;
    }

    /** The second step of a login. */
    public Outcome verify(UUID user, String code, String clientAddress) {
        Stored stored = stored(user);
        if (stored == null || !stored.enabled()) {
            return Outcome.NOT_ENROLLED;
        }
        Outcome outcome = accept(user, stored, code, "UPDATE users SET totp_last_step = ? "
                + "WHERE uuid = ? AND totp_enabled = TRUE AND (totp_last_step IS NULL OR totp_last_step < ?)");
        record(outcome, "login.totp", user, clientAddress);
        return outcome;
    }

    /** Accepts a code of a step later than the last one used, recording its step in the same statement. */
    private Outcome accept(UUID user, Stored stored, String code, String recordStep) {
        OptionalLong step = Totp.matchingStep(box.open(PURPOSE, stored.sealedSecret()), code, Instant.now());
        if (step.isEmpty()) {
            return Outcome.WRONG_CODE;
        }
        int updated = jdbc.sql(recordStep).params(step.getAsLong(), user.toString(), step.getAsLong()).update();
        return updated == 1 ? Outcome.ACCEPTED : Outcome.WRONG_CODE;
    }

    private Stored stored(UUID user) {
        return jdbc.sql("SELECT totp_secret, totp_enabled FROM users WHERE uuid = ?").param(user.toString())
                .query((rs, n) -> new Stored(rs.getString("totp_secret"), rs.getBoolean("totp_enabled")))
                .optional().orElse(null);
    }

    private void record(Outcome outcome, String type, UUID user, String clientAddress) {
        audit.record(outcome == Outcome.ACCEPTED
                ? AuditEvent.success(type, user, null, clientAddress, Map.of())
                : AuditEvent.failure(type, user, null, clientAddress, Map.of("reason", outcome.name().toLowerCase(Locale.ROOT))));
    }
}
