package io.webpaas.server.auth;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A password login refused for too many failures: the user is told how long to wait. */
public final class LoginThrottledException extends AuthenticationException {
    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("too many failed attempts");
        this.retryAfter = retryAfter;
    }

    /** The wait in whole minutes, rounded up: what the login page shows. */
    public long minutes() {
        return Math.max(1, (retryAfter.toSeconds() + 59) / 60);
    }
}
