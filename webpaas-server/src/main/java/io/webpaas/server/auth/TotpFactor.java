package io.webpaas.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.SecretBox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's TOTP second factor: enrollment (secret sealed by {@link SecretBox} in
 * {@code users.totp_secret}, enabled once a first code confirms it, which also makes the
 * {@link RecoveryCodes}), verification at login (a TOTP code or an unused recovery code) and
 * disabling with a fresh code. The last accepted time step is stored, so a code works once.
 */
@Service
public class TotpFactor {
    private static final String PURPOSE = "users.totp_secret";
    private static final String ISSUER = "WebPaaS";

    /** What an authenticator app needs. */
    public record Enrollment(String secret, @JsonProperty("otpauth_uri") String otpauthUri) {
    }

    public enum Outcome { ACCEPTED, WRONG_CODE, NOT_ENROLLED, ALREADY_ENABLED }

    /** The answer to a confirmation: the recovery codes are there only when it was accepted, and only this once. */
    public record Confirmation(Outcome outcome, List<String> recoveryCodes) {
    }

    private record Stored(String sealedSecret, boolean enabled) {
    }

    /** Uses a code's step on an enabled factor, so that the same code cannot serve twice. */
    private static final String USE_STEP = "UPDATE users SET totp_last_step = ? "
            + "WHERE uuid = ? AND totp_enabled = TRUE AND (totp_last_step IS NULL OR totp_last_step < ?)";

    private final JdbcClient jdbc;
    private final SecretBox box;
    private final AuditLog audit;
    private final RecoveryCodes recoveryCodes;
    private final SecureRandom random = new SecureRandom();

    TotpFactor(JdbcClient jdbc, SecretBox box, AuditLog audit, RecoveryCodes recoveryCodes) {
        this.jdbc = jdbc;
        this.box = box;
        this.audit = audit;
        this.recoveryCodes = recoveryCodes;
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

    /** Enables TOTP when the code matches the enrolled secret, with new recovery codes. */
    @Transactional
    public Confirmation confirm(UUID user, String code, String clientAddress) {
        Stored stored = stored(user);
        if (stored == null || stored.sealedSecret() == null) {
            return new Confirmation(Outcome.NOT_ENROLLED, List.of());
        }
        if (stored.enabled()) {
            return new Confirmation(Outcome.ALREADY_ENABLED, List.of());
        }
        Outcome outcome = accept(user, stored, code, "UPDATE users SET totp_enabled = TRUE, totp_last_step = ? "
                + "WHERE uuid = ? AND totp_enabled = FALSE AND (totp_last_step IS NULL OR totp_last_step < ?)");
        record(outcome, "totp.enabled", user, clientAddress);
        return new Confirmation(outcome, outcome == Outcome.ACCEPTED ? recoveryCodes.replace(user) : List.of());
    }

    /** The second step of a login: a TOTP code, or one of the user's unused recovery codes. */
    public Outcome verify(UUID user, String code, String clientAddress) {
        Stored stored = stored(user);
        if (stored == null || !stored.enabled()) {
            return Outcome.NOT_ENROLLED;
        }
        if (RecoveryCodes.looksLikeOne(code)) {
            Outcome outcome = recoveryCodes.use(user, code) ? Outcome.ACCEPTED : Outcome.WRONG_CODE;
            record(outcome, "login.recovery_code", user, clientAddress);
            return outcome;
        }
        Outcome outcome = accept(user, stored, code, USE_STEP);
        record(outcome, "login.totp", user, clientAddress);
        return outcome;
    }

    /**
     * New recovery codes in place of the old ones when a fresh code (not a recovery code)
     * matches: for a user who used or lost some, without turning TOTP off and on.
     */
    @Transactional
    public Confirmation regenerateRecoveryCodes(UUID user, String code, String clientAddress) {
        Stored stored = stored(user);
        if (stored == null || !stored.enabled()) {
            return new Confirmation(Outcome.NOT_ENROLLED, List.of());
        }
        Outcome outcome = accept(user, stored, code, USE_STEP);
        record(outcome, "totp.recovery_codes", user, clientAddress);
        return new Confirmation(outcome, outcome == Outcome.ACCEPTED ? recoveryCodes.replace(user) : List.of());
    }

    /** Turns TOTP off when a fresh code (not a recovery code) matches; the secret and recovery codes are dropped. */
    @Transactional
    public Outcome disable(UUID user, String code, String clientAddress) {
        Stored stored = stored(user);
        if (stored == null || !stored.enabled()) {
            return Outcome.NOT_ENROLLED;
        }
        Outcome outcome = accept(user, stored, code, "UPDATE users SET totp_enabled = FALSE, totp_secret = NULL, "
                + "totp_last_step = ? WHERE uuid = ? AND totp_enabled = TRUE AND (totp_last_step IS NULL OR totp_last_step < ?)");
        if (outcome == Outcome.ACCEPTED) {
            recoveryCodes.delete(user);
        }
        record(outcome, "totp.disabled", user, clientAddress);
        return outcome;
    }

    /** How many recovery codes the user has left. */
    public int unusedRecoveryCodes(UUID user) {
        return recoveryCodes.unused(user);
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
