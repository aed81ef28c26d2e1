package io.webpaas.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code webpaas.login.*}: how failed password logins are throttled.
 *
 * @param maxFailures failed logins of one username within {@code failureWindow} that lock it
 * @param failureWindow the window of {@code maxFailures}
 * @param lockTime how long the first lock lasts; each further lock doubles it
 * @param maxLockTime the longest lock; a username's locks are forgotten after a successful
 *                    login, or when it has had no failure for this long (or a failure window,
 *                    if longer)
 * @param addressFailures failed logins from one client address within {@code addressWindow}
 *                        after which that address is refused until the window passes
 * @param addressWindow the window of {@code addressFailures}
 */
@ConfigurationProperties("webpaas.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("5m") Duration lockTime,
        @DefaultValue("1h") Duration maxLockTime,
        @DefaultValue("20") int addressFailures,
        @DefaultValue("5m") Duration addressWindow) {

    /** How long the {@code n}th lock in a row lasts (n >= 1). */
    Duration lock(int n) {
        Duration lock = lockTime;
        for (int i = 1; i < n && lock.compareTo(maxLockTime) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxLockTime) < 0 ? lock : maxLockTime;
    }

    /** How long after its last failure a username's record still counts. */
    Duration memory() {
        return failureWindow.compareTo(maxLockTime) > 0 ? failureWindow : maxLockTime;
    }
}
