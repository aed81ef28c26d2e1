package io.webpaas.server.auth;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * TOTP recovery codes: ten one-time codes of 60 random bits ({@code xxxx-xxxx-xxxx}, base32),
 * shown once when TOTP is enabled and kept only as SHA-256 hashes. Each works once in place
 * of a TOTP code at login.
 */
@Component
class RecoveryCodes {
    static final int COUNT = 10;
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{12}");

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** New codes for the user, replacing any earlier ones; the only time they are readable. */
    List<String> replace(UUID user) {
        delete(user);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            String code = Totp.base32(bytes).substring(0, 12).toLowerCase(Locale.ROOT);
            jdbc.sql("INSERT INTO totp_recovery_codes (user_uuid, code_hash) VALUES (?, ?)")
                    .params(user.toString(), TokenHash.sha256(code)).update();
            codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8));
        }
        return codes;
    }

    /** Whether the typed text has a recovery code's form (rather than a 6-digit TOTP code). */
    static boolean looksLikeOne(String typed) {
        return typed != null && FORM.matcher(normalize(typed)).matches();
    }

    /** Marks the code used; false when it is not one of the user's unused codes. */
    boolean use(UUID user, String typed) {
        return jdbc.sql("UPDATE totp_recovery_codes SET used_at = ? WHERE user_uuid = ? AND code_hash = ? AND used_at IS NULL")
                .params(Timestamp.from(Instant.now()), user.toString(), TokenHash.sha256(normalize(typed))).update() == 1;
    }

    int unused(UUID user) {
        return jdbc.sql("SELECT COUNT(*) FROM totp_recovery_codes WHERE user_uuid = ? AND used_at IS NULL")
                .param(user.toString()).query(Integer.class).single();
    }

    void delete(UUID user) {
        jdbc.sql("DELETE FROM totp_recovery_codes WHERE user_uuid = ?").param(user.toString()).update();
    }

    private static String normalize(String typed) {
        return typed.strip().replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
