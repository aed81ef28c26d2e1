package io.webpaas.server.auth;

import io.webpaas.server.config.FailureThrottle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throttles failed password logins ({@link PasswordLogin}), two ways:
 * <ul>
 * <li>per username as typed, in {@code login_failures}, so every replica sees one count:
 *     {@code maxFailures} failures within {@code failureWindow} lock the username for
 *     {@code lockTime}, doubled at each further lock up to {@code maxLockTime}. A username
 *     nobody has is counted like any other, so a lock says nothing about who exists;</li>
 * <li>per client address, in memory (each replica counts what it sees): past
 *     {@code addressFailures} within {@code addressWindow} the address is refused until the
 *     window has passed, which slows guessing across many usernames.</li>
 * </ul>
 * A successful login clears its username's record; a refused attempt is not counted.
 */
@Component
class LoginThrottle {
    /** Why a login is refused without its password being checked, and for how long. */
    record Refusal(String reason, Duration retryAfter) {
        static final String USERNAME_LOCKED = "username locked";
        static final String ADDRESS_BLOCKED = "address blocked";
    }

    private record Failures(int failures, Instant windowStart, int locks, Instant lockedUntil, Instant lastFailure) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LoginProperties settings;
    private final FailureThrottle addresses;

    LoginThrottle(JdbcClient jdbc, TransactionTemplate transactions, LoginProperties settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.addresses = new FailureThrottle(settings.addressFailures(), settings.addressWindow());
    }

    /** Whether a login attempt is refused before its password is looked at. */
    Optional<Refusal> refusal(String username, String address) {
        Instant lockedUntil = jdbc.sql("SELECT locked_until FROM login_failures WHERE username_hash = ?")
                .param(TokenHash.sha256(username))
                .query((rs, n) -> instant(rs, "locked_until"))
                .optional().orElse(null);
        return refusal(lockedUntil, address);
    }

    /** Counts a failed login; the refusal it brought about, if it locked the username or the address. */
    Optional<Refusal> failed(String username, String address) {
        if (address != null) {
            addresses.failed(address);
        }
        String key = TokenHash.sha256(username);
        Failures counted;
        try {
            counted = transactions.execute(status -> count(key, Instant.now()));
        } catch (DuplicateKeyException raced) {
            // Another request inserted this username's first failure at the same moment: count on its row.
            counted = transactions.execute(status -> count(key, Instant.now()));
        }
        return refusal(counted.lockedUntil(), address);
    }

    void succeeded(String username) {
        jdbc.sql("DELETE FROM login_failures WHERE username_hash = ?").param(TokenHash.sha256(username)).update();
    }

    /** Records that no longer count (see {@link LoginProperties#memory()}). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteForgotten() {
        jdbc.sql("DELETE FROM login_failures WHERE last_failure < ?")
                .param(Timestamp.from(Instant.now().minus(settings.memory()))).update();
    }

    private Optional<Refusal> refusal(Instant lockedUntil, String address) {
        Duration blocked = address == null ? Duration.ZERO : addresses.blockedFor(address);
        if (!blocked.isZero()) {
            return Optional.of(new Refusal(Refusal.ADDRESS_BLOCKED, blocked));
        }
        Instant now = Instant.now();
        return lockedUntil != null && lockedUntil.isAfter(now)
                ? Optional.of(new Refusal(Refusal.USERNAME_LOCKED, Duration.between(now, lockedUntil)))
                : Optional.empty();
    }

    /** One more failure on the username's row, read and written under its row lock. */
    private Failures count(String key, Instant now) {
        Failures before = jdbc.sql("""
                        SELECT failures, window_start, locks, locked_until, last_failure
                        FROM login_failures WHERE username_hash = ? FOR UPDATE""")
                .param(key)
                .query((rs, n) -> new Failures(rs.getInt("failures"), instant(rs, "window_start"), rs.getInt("locks"),
                        instant(rs, "locked_until"), instant(rs, "last_failure")))
                .optional().orElse(null);
        Failures after = next(before, now);
        String sql = before == null
                ? "INSERT INTO login_failures (failures, window_start, locks, locked_until, last_failure, username_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?)"
                : "UPDATE login_failures SET failures = ?, window_start = ?, locks = ?, locked_until = ?, last_failure = ?"
                        + " WHERE username_hash = ?";
        jdbc.sql(sql).params(after.failures(), Timestamp.from(after.windowStart()), after.locks(),
                after.lockedUntil() == null ? null : Timestamp.from(after.lockedUntil()),
                Timestamp.from(after.lastFailure()), key).update();
        return after;
    }

    private Failures next(Failures before, Instant now) {
        boolean forgotten = before == null || before.lastFailure().plus(settings.memory()).isBefore(now);
        boolean newWindow = forgotten || !before.windowStart().plus(settings.failureWindow()).isAfter(now);
        int failures = newWindow ? 1 : before.failures() + 1;
        int locks = forgotten ? 0 : before.locks();
        if (failures < settings.maxFailures()) {
            return new Failures(failures, newWindow ? now : before.windowStart(), locks,
                    forgotten ? null : before.lockedUntil(), now);
        }
        // Locked: the count starts again, and the next lock will be longer.
        return new Failures(0, now, locks + 1, now.plus(settings.lock(locks + 1)), now);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
