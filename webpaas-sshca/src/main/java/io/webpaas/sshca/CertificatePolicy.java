package io.webpaas.sshca;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * Decides whether to accept a certificate offline, the way {@code sshd} does with
 * {@code TrustedUserCAKeys}: right type, signed by a trusted CA, inside its validity window,
 * naming the expected principal, and carrying no critical option the caller does not handle.
 *
 * @param trustedAuthorities the CA public keys to accept (e.g. from {@code GET /ssh/authority})
 * @param handledCriticalOptions critical options the caller enforces itself; any other is refused,
 *                               as PROTOCOL.certkeys demands
 */
public record CertificatePolicy(OpenSshCertificate.Type type, List<PublicKey> trustedAuthorities,
                                Set<String> handledCriticalOptions) {

    public CertificatePolicy {
        trustedAuthorities = List.copyOf(trustedAuthorities);
        handledCriticalOptions = Set.copyOf(handledCriticalOptions);
    }

    public void check(OpenSshCertificate certificate, String principal, Instant now)
            throws InvalidCertificateException {
        if (certificate.getType() != type) {
            throw new InvalidCertificateException("a " + certificate.getType() + " certificate, expected " + type);
        }
        if (KeyUtils.findMatchingKey(certificate.getCaPubKey(), trustedAuthorities) == null) {
            throw new InvalidCertificateException("signed by an untrusted CA " + KeyUtils.getFingerPrint(certificate.getCaPubKey()));
        }
        if (!signatureVerifies(certificate)) {
            throw new InvalidCertificateException("the CA signature does not verify");
        }
        long epoch = now.getEpochSecond();
        if (Long.compareUnsigned(epoch, certificate.getValidAfter()) < 0) {
            throw new InvalidCertificateException("not valid before " + Instant.ofEpochSecond(certificate.getValidAfter()));
        }
        if (Long.compareUnsigned(epoch, certificate.getValidBefore()) >= 0) {
            throw new InvalidCertificateException("expired at " + Instant.ofEpochSecond(certificate.getValidBefore()));
        }
        if (!certificate.getPrincipals().contains(principal)) {
            throw new InvalidCertificateException("principal " + principal + " is not listed in the certificate");
        }
        for (String option : certificate.getCriticalOptionsMap().keySet()) {
            if (!handledCriticalOptions.contains(option)) {
                throw new InvalidCertificateException("unsupported critical option " + option);
            }
        }
    }

    private static boolean signatureVerifies(OpenSshCertificate certificate) {
        String algorithm = certificate.getSignatureAlgorithm();
        PublicKey ca = certificate.getCaPubKey();
        // The algorithm must belong to the CA's key type, or a forged name could pick a weaker check.
        if (algorithm == null || !KeyUtils.getAllEquivalentKeyTypes(KeyUtils.getKeyType(ca)).contains(algorithm)) {
            return false;
        }
        NamedFactory<Signature> factory = BuiltinSignatures.fromFactoryName(algorithm);
        if (factory == null) {
            return false;
        }
        try {
            Signature verifier = factory.create();
            verifier.initVerifier(null, ca);
            verifier.update(null, certificate.getMessage());
            return verifier.verify(null, certificate.getRawSignature());
        } catch (Exception e) {
            return false;
        }
    }
}
