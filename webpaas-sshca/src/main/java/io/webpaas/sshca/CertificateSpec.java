package io.webpaas.sshca;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * What a CA is asked to sign: an OpenSSH certificate (PROTOCOL.certkeys) minus the CA's
 * signature and nonce. Option and extension values are plain strings; the signer wraps a
 * non-empty value in an SSH string as OpenSSH does, an empty one marks a flag such as
 * {@code permit-pty}.
 *
 * @param validBefore exclusive end of validity; must be after {@code validAfter}
 */
public record CertificateSpec(
        OpenSshCertificate.Type type,
        PublicKey key,
        String keyId,
        List<String> principals,
        Instant validAfter,
        Instant validBefore,
        long serial,
        SortedMap<String, String> criticalOptions,
        SortedMap<String, String> extensions) {

    public CertificateSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(validBefore, "validBefore");
        if (!validBefore.isAfter(validAfter)) {
            throw new IllegalArgumentException("validBefore " + validBefore + " is not after validAfter " + validAfter);
        }
        if (key instanceof OpenSshCertificate) {
            throw new IllegalArgumentException("cannot certify a certificate; give the plain public key");
        }
        principals = List.copyOf(principals);
        // OpenSSH requires options and extensions in lexical order: keep them sorted.
        criticalOptions = sorted(criticalOptions);
        extensions = sorted(extensions);
    }

    public static CertificateSpec user(PublicKey key, String keyId, List<String> principals,
                                       Instant validAfter, Instant validBefore, long serial,
                                       Map<String, String> extensions) {
        return new CertificateSpec(OpenSshCertificate.Type.USER, key, keyId, principals, validAfter, validBefore,
                serial, new TreeMap<>(), new TreeMap<>(extensions));
    }

    public static CertificateSpec host(PublicKey key, String keyId, List<String> hostnames,
                                       Instant validAfter, Instant validBefore, long serial) {
        return new CertificateSpec(OpenSshCertificate.Type.HOST, key, keyId, hostnames, validAfter, validBefore,
                serial, new TreeMap<>(), new TreeMap<>());
    }

    private static SortedMap<String, String> sorted(Map<String, String> options) {
        SortedMap<String, String> copy = new TreeMap<>();
        if (options != null) {
            options.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "option name"),
                    Objects.requireNonNull(value, () -> "value of " + name)));
        }
        return java.util.Collections.unmodifiableSortedMap(copy);
    }
}
