package io.webpaas.server.gateway;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * at once, and those that follow within a minute are counted and audited as one event: how many
 * there were ({@code connections}), the addresses most of them came from with their counts
 * ({@code addresses}, the first of them as the event's address) and the last reason. Counted by
 * address, not "the last address", so a flooder cannot end each minute with a decoy's connection.
 */
@Component
@Conditional(OnGatewayRole.class)
class ConnectionRefusals implements AutoCloseable {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** How many addresses an event of counted refusals names. */
    private static final int ADDRESSES_AUDITED = 10;
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

    /** One kind's refusals in the current window. */
    private static final class Tally {
        /** Distinct addresses counted one by one; connections from further ones count only in the total. */
        private static final int ADDRESSES_KEPT = 1024;

        /** Whether a refusal of this kind was audited in the current window, so the next ones are counted. */
        private boolean audited;
        private final Map<String, Integer> byAddress = new HashMap<>();
        private int counted;
        private String lastReason;

        /** True if this is the window's first refusal, to be audited at once; otherwise it is counted. */
        synchronized boolean firstOrCounted(String address, String reason) {
            if (!audited) {
                audited = true;
                return true;
            }
            counted++;
            lastReason = reason;
            if (byAddress.containsKey(address) || byAddress.size() < ADDRESSES_KEPT) {
                byAddress.merge(address, 1, Integer::sum);
            }
            return false;
        }

        /**
         * What was counted in the window that ends, if anything; when nothing was, the next refusal
         * is audited at once again.
         */
        synchronized Optional<Counted> end() {
            if (counted == 0) {
                audited = false;
                return Optional.empty();
            }
            Comparator<Map.Entry<String, Integer>> mostFirst = Map.Entry.<String, Integer>comparingByValue().reversed();
            Map<String, Integer> most = new LinkedHashMap<>();
            byAddress.entrySet().stream()
                    .sorted(mostFirst.thenComparing(Map.Entry.comparingByKey()))
                    .limit(ADDRESSES_AUDITED)
                    .forEach(entry -> most.put(entry.getKey(), entry.getValue()));
            Counted ended = new Counted(counted, most, lastReason);
            counted = 0;
            byAddress.clear();
            return Optional.of(ended);
        }
    }

    /** A window's counted refusals of one kind: {@code addresses} are those most came from, most first. */
    private record Counted(int connections, Map<String, Integer> addresses, String reason) {
    }

    ConnectionRefusals(AuditLog audit) {
        this.audit = audit;
        flusher.scheduleWithFixedDelay(this::flush, WINDOW.toMillis(), WINDOW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param session its address is the peer's: behind a load balancer, before its header is read, the balancer's */
    void refused(Kind kind, Session session, String reason) {
        String address = GatewayAudit.address(session);
        if (tallies.computeIfAbsent(kind, ignored -> new Tally()).firstOrCounted(address, reason)) {
            log.warn("closed a connection from {}: {}", address, reason);
            audit.record(AuditEvent.failure("ssh.connection", null, null, address,
                    Map.of("reason", reason, "connections", 1)));
        }
    }

    /** Audits what was counted since the last window. */
    void flush() {
        // an exception would end the schedule without a word, and counting would never stop
        try {
            tallies.values().forEach(tally -> tally.end().ifPresent(this::record));
        } catch (RuntimeException e) {
            log.error("cannot audit the connections refused in the last minute", e);
        }
    }

    /** Logged as audited, so a flood of connections does not flood the log either. */
    private void record(Counted counted) {
        String most = counted.addresses().keySet().iterator().next();
        log.warn("closed {} more connection(s) in the last minute, most from {}: {}", counted.connections(),
                counted.addresses(), counted.reason());
        audit.record(AuditEvent.failure("ssh.connection", null, null, most, Map.of("reason", counted.reason(),
                "connections", counted.connections(), "addresses", counted.addresses())));
    }

    @Override
    public void close() throws InterruptedException {
        flusher.shutdown();
        flusher.awaitTermination(5, TimeUnit.SECONDS);
        flush();
    }
}
