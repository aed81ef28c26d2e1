package io.webpaas.sshca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** The one-line text form of certificates ({@code ssh-ed25519-cert-v01@openssh.com AAAA…}). */
public final class SshCertificates {
    private SshCertificates() {
    }

    public static String format(OpenSshCertificate certificate) {
        return PublicKeyEntry.toString(certificate);
    }

    /** Parses one certificate line; a trailing comment is ignored. */
    public static OpenSshCertificate parse(String line) throws InvalidCertificateException {
        PublicKey key;
        try {
            key = PublicKeyEntry.parsePublicKeyEntry(line.strip()).resolvePublicKey(null, null, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidCertificateException("not an OpenSSH certificate: " + e.getMessage());
        }
        if (key instanceof OpenSshCertificate certificate) {
            return certificate;
        }
        throw new InvalidCertificateException("a plain public key, not a certificate");
    }
}
