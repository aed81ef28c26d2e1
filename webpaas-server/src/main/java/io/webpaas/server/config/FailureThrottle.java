package io.webpaas.server.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per client address, failed authentications within a window: past the limit the address is
 * refused without looking at its credentials until the window has passed, which slows
 * guessing. In memory: each replica counts what it sees (the gateway's keys, the login form's
 * passwords).
 */
public class FailureThrottle {
    private static final int PRUNE_ABOVE = 10_000;

    private final int limit;
    private final Duration window;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(Instant since, int count) {
    }

    public FailureThrottle(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    public boolean blocked(String address) {
        return !blockedFor(address).isZero();
    }

    /** How long the address stays blocked; zero when it is not. */
    public Duration blockedFor(String address) {
        Failures recent = failures.get(address);
        Instant now = Instant.now();
        if (recent == null || recent.count() < limit || expired(recent, now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, recent.since().plus(window));
    }

    public void failed(String address) {
        Instant now = Instant.now();
        failures.merge(address, new Failures(now, 1), (old, one) -> expired(old, now)
                ? one : new Failures(old.since(), old.count() + 1));
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(entry -> expired(entry, now));
        }
    }

    private boolean expired(Failures failures, Instant now) {
        return !failures.since().plus(window).isAfter(now);
    }
}
