package io.webpaas.server.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per client address, failed authentications within a window: past the limit the address is
 * refused without looking at its keys until the window has passed, which slows key guessing.
 */
class FailureThrottle {
    private static final int PRUNE_ABOVE = 10_000;

    private final int limit;
    private final Duration window;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(Instant since, int count) {
    }

    FailureThrottle(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    boolean blocked(String address) {
        Failures recent = failures.get(address);
        return recent != null && recent.count() >= limit && !expired(recent, Instant.now());
    }

    void failed(String address) {
        Instant now = Instant.now();
        failures.merge(address, new Failures(now, 1), (old, one) -> expired(old, now)
                ? one : new Failures(old.since(), old.count() + 1));
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(entry -> expired(entry, now));
        }
    }

    private boolean expired(Failures failures, Instant now) {
        return failures.since().plus(window).isBefore(now);
    }
}
