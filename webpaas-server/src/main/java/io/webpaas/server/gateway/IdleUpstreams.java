package io.webpaas.server.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;

/**
 * Connections to runtimes whose user session has ended, kept open for a short while so that
 * the same end user's next session to the same app, with the same login and permissions (the
 * same internal certificate but for its validity), skips the connection setup: key exchange,
 * authentication, and on an OpenSSH runtime a fork and re-exec of sshd. A connection serves one
 * user session at a time and is never handed to another user or app; every session is still
 * admitted by the gateway first. With {@code keep} zero nothing is kept.
 */
final class IdleUpstreams implements AutoCloseable {
    /** What a kept connection was authenticated as and where it goes. */
    record Key(String endUser, String login, Map<String, String> extensions, String host, int port) {
    }

    /** One stay in the pool; compared by identity, so a late expiry never closes a later stay. */
    private static final class Stay {
        final ClientSession connection;

        Stay(ClientSession connection) {
            this.connection = connection;
        }
    }

    private final Duration keep;
    private final Map<Key, Deque<Stay>> idle = new HashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("idle-upstreams").factory());

    IdleUpstreams(Duration keep) {
        this.keep = keep;
    }

    /** An idle open connection for {@code key}, now the caller's, or {@code null}. */
    synchronized ClientSession take(Key key) {
        Deque<Stay> stays = idle.get(key);
        while (stays != null && !stays.isEmpty()) {
            ClientSession connection = stays.pollFirst().connection;
            if (stays.isEmpty()) {
                idle.remove(key);
            }
            if (connection.isOpen()) {
                return connection;
            }
        }
        return null;
    }

    /** Keeps {@code connection}, whose user session has ended, for {@link #keep}; then closes it unless taken. */
    void park(Key key, ClientSession connection) {
        if (keep.isZero() || !connection.isOpen()) {
            connection.close(true);
            return;
        }
        Stay stay = new Stay(connection);
        synchronized (this) {
            idle.computeIfAbsent(key, ignored -> new ArrayDeque<>()).addFirst(stay);
        }
        expiry.schedule(() -> {
            if (remove(key, stay)) {
                connection.close(true);
            }
        }, keep.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean remove(Key key, Stay stay) {
        Deque<Stay> stays = idle.get(key);
        boolean removed = stays != null && stays.remove(stay);
        if (stays != null && stays.isEmpty()) {
            idle.remove(key);
        }
        return removed;
    }

    @Override
    public void close() {
        expiry.shutdownNow();
        synchronized (this) {
            idle.values().forEach(stays -> stays.forEach(stay -> stay.connection.close(true)));
            idle.clear();
        }
    }
}
