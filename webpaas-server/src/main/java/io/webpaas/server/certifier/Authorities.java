package io.webpaas.server.certifier;

import io.webpaas.sshca.CertificateAuthority;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The Certifier's CA keys, decrypted once and kept in memory so signing never touches the
 * database or the KEK. Each replica polls the table cheaply and reloads when another replica
 * has rotated a key.
 *
 * <p>Which key signs and which are published is a function of time over the loaded keys: the
 * newest generation whose {@code signsFrom} has come signs; every key not yet retired is published.
 */
@Component
public class Authorities {
    private static final Logger log = LoggerFactory.getLogger(Authorities.class);

    private final AuthorityStore store;
    private final CertifierProperties properties;
    private volatile Loaded loaded;

    private record Loaded(long version, List<AuthorityKey> keys) {
    }

    Authorities(AuthorityStore store, CertifierProperties properties, TaskScheduler scheduler) {
        this.store = store;
        this.properties = properties;
        for (AuthorityPurpose purpose : AuthorityPurpose.values()) {
            createFirstKey(purpose);
        }
        reload();
        scheduler.scheduleWithFixedDelay(this::reloadIfChanged, properties.refresh());
    }

    /** The key that signs {@code purpose} certificates at {@code now}. */
    public CertificateAuthority signer(AuthorityPurpose purpose, Instant now) {
        AuthorityKey signer = null;
        for (AuthorityKey key : loaded.keys()) {
            if (key.purpose() == purpose && !key.signsFrom().isAfter(now)
                    && (signer == null || key.generation() > signer.generation())) {
                signer = key;
            }
        }
        if (signer == null) {
            throw new IllegalStateException("no " + purpose.wire() + " CA key signs yet");
        }
        return signer.authority();
    }

    /** Every key of {@code purpose} that verifiers must trust at {@code now}, as OpenSSH public key lines. */
    public List<String> published(AuthorityPurpose purpose, Instant now) {
        return loaded.keys().stream()
                .filter(key -> key.purpose() == purpose && key.publishedAt(now))
                .map(key -> key.authority().publicKeyLine())
                .toList();
    }

    /**
     * Starts a rotation of the user CA: a new key, published at once, that signs after the
     * publish-ahead delay; the current key keeps signing until then and is retired once the
     * last certificate it can have signed has expired.
     *
     * @throws RotationConflictException when another rotation happened at the same moment
     */
    public Rotation rotateUserAuthority() {
        Instant now = Instant.now();
        reload();
        int generation = loaded.keys().stream().filter(key -> key.purpose() == AuthorityPurpose.USER)
                .mapToInt(AuthorityKey::generation).max().orElseThrow() + 1;
        Instant signsFrom = now.plus(properties.publishAhead());
        Instant previousRetiresAt = signsFrom.plus(properties.certificateLifetime()).plus(properties.clockSkew());
        CertificateAuthority authority = CertificateAuthority.generate(comment(AuthorityPurpose.USER, generation));
        try {
            store.insert(AuthorityPurpose.USER, generation, authority, now, signsFrom, previousRetiresAt);
        } catch (DuplicateKeyException e) {
            throw new RotationConflictException();
        } finally {
            reload();
        }
        log.info("user CA rotated to generation {}: signs from {}, generation {} retires at {}",
                generation, signsFrom, generation - 1, previousRetiresAt);
        return new Rotation(authority.publicKeyLine(), generation, signsFrom, previousRetiresAt);
    }

    private void createFirstKey(AuthorityPurpose purpose) {
        if (store.exists(purpose)) {
            return;
        }
        Instant now = Instant.now();
        try {
            store.insert(purpose, 1, CertificateAuthority.generate(comment(purpose, 1)), now, now, null);
            log.info("generated the {} CA key", purpose.wire());
        } catch (DuplicateKeyException e) {
            // another replica starting at the same time generated it: use theirs
        }
    }

    private void reloadIfChanged() {
        try {
            if (store.version() != loaded.version()) {
                reload();
            }
        } catch (RuntimeException e) {
            log.warn("cannot check the CA keys for changes; signing with the keys loaded before: {}", e.toString());
        }
    }

    private synchronized void reload() {
        long version = store.version();
        loaded = new Loaded(version, store.loadAll());
    }

    private static String comment(AuthorityPurpose purpose, int generation) {
        return "webpaas-" + purpose.wire() + "-ca-" + generation;
    }
}
