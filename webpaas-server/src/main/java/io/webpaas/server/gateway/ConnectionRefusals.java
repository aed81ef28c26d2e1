package io.webpaas.server.gateway;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Connections the gateway closes before anyone could authenticate: over the cap on connections
 * that have not authenticated yet, or from a load balancer without a valid PROXY protocol header.
 * Each is an {@code ssh.connection} failure in the audit log, but a flood of connections must not
 * become a flood of audit rows that fills the audit queue: per kind, the first refusal is audited
 * at once, and those that follow within a minute are counted and audited as one event with
 * {@code connections} set to how many there were and the last one's address and reason.
 */
@Component
@Conditional(OnGatewayRole.class)
class ConnectionRefusals implements AutoCloseable {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ConnectionRefusals.class);

    /** What is refused; the reason's text may vary (a header's bytes), the kind may not, so the tallies stay few. */
    enum Kind { UNAUTHENTICATED_CAP, PROXY_HEADER }

    private final AuditLog audit;
    private final Map<Kind, Tally> tallies = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-connection-refusals");
        thread.setDaemon(true);
        return thread;
    });

    private static final class Tally {
        /** Whether a refusal of this kind was audited in the current window, so the next ones are counted. */
        final AtomicBoolean audited = new AtomicBoolean();
        final AtomicInteger counted = new AtomicInteger();
        volatile String lastAddress;
        volatile String lastReason;
    }

    ConnectionRefusals(AuditLog audit) {
        this.audit = audit;
        flusher.scheduleWithFixedDelay(this::flush, WINDOW.toMillis(), WINDOW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param session its address is the peer's: behind a load balancer, before its header is read, the balancer's */
    void refused(Kind kind, Session session, String reason) {
        String address = GatewayAudit.address(session);
        Tally tally = tallies.computeIfAbsent(kind, ignored -> new Tally());
        if (tally.audited.compareAndSet(false, true)) {
            record(address, reason, 1);
            return;
        }
        tally.lastAddress = address;
        tally.lastReason = reason;
        tally.counted.incrementAndGet();
    }

    /** Audits what was counted since the last window; a kind with nothing counted is audited at once again. */
    void flush() {
        // an exception would end the schedule without a word, and counting would never stop
        try {
            tallies.values().forEach(tally -> {
                int counted = tally.counted.getAndSet(0);
                if (counted == 0) {
                    tally.audited.set(false);
                } else {
                    record(tally.lastAddress, tally.lastReason, counted);
                }
            });
        } catch (RuntimeException e) {
            log.error("cannot audit the connections refused in the last minute", e);
        }
    }

    /** Logged as audited, so a flood of connections does not flood the log either. */
    private void record(String address, String reason, int connections) {
        log.warn("closed {} connection(s), the last from {}: {}", connections, address, reason);
        audit.record(AuditEvent.failure("ssh.connection", null, null, address,
                Map.of("reason", reason, "connections", connections)));
    }

    @Override
    public void close() throws InterruptedException {
        flusher.shutdown();
        flusher.awaitTermination(5, TimeUnit.SECONDS);
        flush();
    }
}
