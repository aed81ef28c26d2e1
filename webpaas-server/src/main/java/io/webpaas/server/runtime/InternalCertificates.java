package io.webpaas.server.runtime;

import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.directory.Directory;
import io.webpaas.server.directory.SshTarget;
import io.webpaas.sshca.CertificatePolicy;
import io.webpaas.sshca.InvalidCertificateException;
import io.webpaas.sshca.Permits;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Admits only certificates from the internal CA, which the Certifier uses for gateways: the
 * principal must be the SSH username, which must lead to an app placed on this runtime (a project's admin
 * chooses the placement, so it must not lead into another runtime's tenants); the key ID names the end user.
 * MINA has already checked the CA signature, validity and {@code source-address}; the policy
 * checks them again together with trust, so nothing depends on that split.
 */
@Component
class InternalCertificates implements PublickeyAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(InternalCertificates.class);
    /** Fingerprints already refused on a connection: OpenSSH asks about a key before signing with it. */
    private static final AttributeKey<Set<String>> REFUSED = new AttributeKey<>();

    private final Authorities authorities;
    private final Directory directory;
    private final List<String> hostnames;
    private final RuntimeAudit audit;
    private volatile Trusted trusted = new Trusted(List.of(), List.of());

    private record Trusted(List<String> lines, List<PublicKey> keys) {
    }

    InternalCertificates(Authorities authorities, Directory directory, RuntimeProperties properties,
                         RuntimeAudit audit) {
        this.authorities = authorities;
        this.directory = directory;
        this.hostnames = properties.hostnames();
        this.audit = audit;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!(key instanceof OpenSshCertificate certificate)) {
            return refuse(session, username, key, null, "a plain key; the runtime admits internal certificates only");
        }
        UUID user = uuidOrNull(certificate.getId());
        Instant now = Instant.now();
        try {
            new CertificatePolicy(OpenSshCertificate.Type.USER, trustedKeys(now), Set.of("source-address"))
                    .check(certificate, username, now);
        } catch (InvalidCertificateException e) {
            return refuse(session, username, key, user, "certificate refused: " + e.getMessage());
        }
        Optional<SshTarget> target = directory.resolve(username);
        if (target.isEmpty()) {
            return refuse(session, username, key, user, "no active app is named " + username);
        }
        String placement = target.get().app().runtimeHost();
        if (hostnames.stream().noneMatch(placement::equalsIgnoreCase)) {
            return refuse(session, username, key, user, "app " + username + " is placed on runtime " + placement
                    + ", not on this one " + hostnames);
        }
        new RuntimeSession(target.get(), certificate.getId(), user, Permits.of(certificate.getExtensionsMap()))
                .attachTo(session);
        return true;
    }

    private boolean refuse(ServerSession session, String username, PublicKey key, UUID user,
                           String reason) {
        String fingerprint = KeyUtils.getFingerPrint(key);
        Set<String> refused = session.computeAttributeIfAbsent(REFUSED, ignored -> new HashSet<>());
        if (refused.add(fingerprint)) {
            log.info("runtime login as {} refused: {}", username, reason);
            audit.refused("runtime.auth", session, user, null, reason,
                    Map.of("username", username, "fingerprint", fingerprint));
        }
        return false;
    }

    /** The internal CA's published keys, parsed again only when the published set changes. */
    private List<PublicKey> trustedKeys(Instant now) {
        List<String> lines = authorities.published(AuthorityPurpose.INTERNAL, now);
        Trusted current = trusted;
        if (!current.lines().equals(lines)) {
            current = new Trusted(lines, lines.stream().map(InternalCertificates::parse).toList());
            trusted = current;
        }
        return current.keys();
    }

    private static PublicKey parse(String line) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the internal CA key does not parse: " + line, e);
        }
    }

    private static UUID uuidOrNull(String keyId) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            return null;
        }
    }
}
