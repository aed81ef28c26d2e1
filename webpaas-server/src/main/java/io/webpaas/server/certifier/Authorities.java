package io.webpaas.server.certifier;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.sshca.CertificateAuthority;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The CA keys: every public key, and the private keys of the CAs this server's roles sign with
 * ({@link #decryptedFor}), decrypted once and kept in memory so signing never touches the
 * database or the KEK. Each replica polls the table cheaply and reloads when another replica
 * has rotated a key. Only the auth role makes and rotates keys; the other roles find them in
 * the table, so the auth service must have started once before them.
 *
 * <p>Which key signs and which are published is a function of time over the loaded keys: the
 * newest generation whose {@code signsFrom} has come signs; every key not yet retired is published.
 */
@Component
public class Authorities {
    private static final Logger log = LoggerFactory.getLogger(Authorities.class);

    private final AuthorityStore store;
    private final CertifierProperties properties;
    private final WebpaasProperties webpaas;
    private final Set<AuthorityPurpose> decrypted;
    private volatile Loaded loaded;

    private record Loaded(long version, List<AuthorityKey> keys) {
    }

    Authorities(AuthorityStore store, CertifierProperties properties, WebpaasProperties webpaas,
                TaskScheduler scheduler) {
        this.store = store;
        this.properties = properties;
        this.webpaas = webpaas;
        this.decrypted = decryptedFor(webpaas);
        if (webpaas.runs("auth")) {
            for (AuthorityPurpose purpose : AuthorityPurpose.values()) {
                createFirstKey(purpose);
            }
        }
        reload();
        requireEveryCa();
        scheduler.scheduleWithFixedDelay(this::reloadIfChanged, properties.refresh());
    }

    /**
     * The CAs whose private keys a server with these roles holds: the auth role signs with every
     * one; a gateway with the internal CA only, for its connections to runtimes; a runtime with
     * none, as it trusts published keys and gets its host certificate from the auth service.
     */
    private static Set<AuthorityPurpose> decryptedFor(WebpaasProperties webpaas) {
        if (webpaas.runs("auth")) {
            return EnumSet.allOf(AuthorityPurpose.class);
        }
        return webpaas.runs("gateway") ? EnumSet.of(AuthorityPurpose.INTERNAL) : EnumSet.noneOf(AuthorityPurpose.class);
    }

    /** Whether this server holds the private keys of {@code purpose}, so it can sign with that CA. */
    boolean holds(AuthorityPurpose purpose) {
        return decrypted.contains(purpose);
    }

    /** The key that signs {@code purpose} certificates at {@code now}. */
    public CertificateAuthority signer(AuthorityPurpose purpose, Instant now) {
        if (!holds(purpose)) {
            throw new IllegalStateException("this server (roles " + webpaas.roles() + ") does not hold the "
                    + purpose.wire() + " CA's private key; the auth service signs with it");
        }
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
                .map(AuthorityKey::publicKey)
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
        if (!webpaas.runs("auth")) {
            throw new IllegalStateException("only the auth role rotates CA keys; this server's roles are "
                    + webpaas.roles());
        }
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

    /** Outside the auth role the keys come from the auth service's first start: without them nothing works. */
    private void requireEveryCa() {
        for (AuthorityPurpose purpose : AuthorityPurpose.values()) {
            if (loaded.keys().stream().noneMatch(key -> key.purpose() == purpose)) {
                throw new IllegalStateException("no " + purpose.wire() + " CA key in the database: the auth role "
                        + "makes the CA keys at its first start, so start the auth service first");
            }
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
        loaded = new Loaded(version, store.load(decrypted));
    }

    private static String comment(AuthorityPurpose purpose, int generation) {
        return "webpaas-" + purpose.wire() + "-ca-" + generation;
    }
}
