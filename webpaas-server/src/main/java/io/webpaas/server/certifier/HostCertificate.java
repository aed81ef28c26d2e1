package io.webpaas.server.certifier;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.keyprovider.HostKeyCertificateProvider;
import org.apache.sshd.common.session.SessionContext;
import org.springframework.scheduling.TaskScheduler;

/**
 * The host certificate of one of the platform's SSH servers (the gateway, a runtime): its host
 * key signed by the host CA for the names clients dial, so whoever trusts
 * {@code GET /ssh/host-authority} accepts the server without a prompt. It lives a week and is
 * renewed daily until closed.
 */
public final class HostCertificate implements HostKeyCertificateProvider, AutoCloseable {
    private static final Duration LIFETIME = Duration.ofDays(7);
    private static final Duration RENEWAL = Duration.ofDays(1);

    private final PublicKey hostKey;
    private final String keyId;
    private final List<String> hostnames;
    private final Certifier certifier;
    private final ScheduledFuture<?> renewal;
    private volatile OpenSshCertificate certificate;

    /** @param server what the server is, for the key ID ({@code gateway}, {@code runtime}) */
    public HostCertificate(PublicKey hostKey, String server, List<String> hostnames, Certifier certifier,
                           TaskScheduler scheduler) {
        this.hostKey = hostKey;
        this.keyId = server + " " + String.join(",", hostnames);
        this.hostnames = List.copyOf(hostnames);
        this.certifier = certifier;
        renew();
        this.renewal = scheduler.scheduleWithFixedDelay(this::renew, Instant.now().plus(RENEWAL), RENEWAL);
    }

    private void renew() {
        certificate = certifier.signHost(hostKey, keyId, hostnames, LIFETIME);
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
