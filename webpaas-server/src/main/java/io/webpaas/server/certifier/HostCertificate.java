package io.webpaas.server.certifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.keyprovider.HostKeyCertificateProvider;
import org.apache.sshd.common.session.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * The host certificate of one of the platform's SSH servers (the gateway, a runtime), from
 * {@link HostCertificates}: it lives a week and is renewed daily until closed. A renewal that
 * fails keeps the current certificate until the next day's attempt.
 */
public final class HostCertificate implements HostKeyCertificateProvider, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostCertificate.class);
    private static final Duration RENEWAL = Duration.ofDays(1);

    private final Supplier<OpenSshCertificate> issue;
    private final ScheduledFuture<?> renewal;
    private volatile OpenSshCertificate certificate;

    /** Issues the first certificate at once: a server without one would be refused by everyone. */
    HostCertificate(Supplier<OpenSshCertificate> issue, TaskScheduler scheduler) {
        this.issue = issue;
        this.certificate = issue.get();
        this.renewal = scheduler.scheduleWithFixedDelay(this::renew, Instant.now().plus(RENEWAL), RENEWAL);
    }

    private void renew() {
        try {
            certificate = issue.get();
        } catch (RuntimeException e) {
            log.warn("cannot renew the host certificate \"{}\", valid until {}: {}", certificate.getId(),
                    Instant.ofEpochSecond(certificate.getValidBefore()), e.getMessage());
        }
    }

    @Override
    public Iterable<OpenSshCertificate> loadCertificates(SessionContext session) {
        return List.of(certificate);
    }

    @Override
    public void close() {
        renewal.cancel(false);
    }
}
