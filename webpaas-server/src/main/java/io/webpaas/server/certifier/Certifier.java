package io.webpaas.server.certifier;

import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.CertificateSpec;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.springframework.stereotype.Service;

/**
 * Signs certificates with the Certifier's CAs: users' (for {@code POST /ssh}), gateways' host
 * keys, and the internal certificates a gateway presents to runtimes. Every certificate gets a
 * random 64-bit serial and is backdated by the clock skew allowance.
 */
@Service
public class Certifier {
    private final Authorities authorities;
    private final CertifierProperties properties;
    /** Serial numbers; one generator per thread so concurrent requests do not queue on one lock. */
    private final ThreadLocal<SecureRandom> serials = ThreadLocal.withInitial(CertificateAuthority::drbg);

    Certifier(Authorities authorities, CertifierProperties properties) {
        this.authorities = authorities;
        this.properties = properties;
    }

    /** A user certificate valid for the configured lifetime, with the key ID as its one principal. */
    public OpenSshCertificate signUser(PublicKey key, String keyId, Map<String, String> extensions) {
        Instant now = Instant.now();
        return sign(AuthorityPurpose.USER, now, CertificateSpec.user(key, keyId, List.of(keyId),
                now.minus(properties.clockSkew()), now.plus(properties.certificateLifetime()), serials.get().nextLong(),
                extensions));
    }

    /** A host certificate for the gateway's or a runtime's host key, naming the host names clients connect to. */
    public OpenSshCertificate signHost(PublicKey hostKey, String keyId, List<String> hostnames, Duration lifetime) {
        Instant now = Instant.now();
        return sign(AuthorityPurpose.HOST, now, CertificateSpec.host(hostKey, keyId, hostnames,
                now.minus(properties.clockSkew()), now.plus(lifetime), serials.get().nextLong()));
    }

    /**
     * A user certificate from the internal CA, which only runtimes trust: the gateway logs in to
     * a runtime as {@code principals} and names the end user in {@code keyId} and {@code extensions}.
     */
    public OpenSshCertificate signInternal(PublicKey key, String keyId, List<String> principals,
                                           Map<String, String> extensions, Duration lifetime) {
        Instant now = Instant.now();
        return sign(AuthorityPurpose.INTERNAL, now, CertificateSpec.user(key, keyId, principals,
                now.minus(properties.clockSkew()), now.plus(lifetime), serials.get().nextLong(), extensions));
    }

    private OpenSshCertificate sign(AuthorityPurpose purpose, Instant now, CertificateSpec spec) {
        return authorities.signer(purpose, now).sign(spec);
    }
}
