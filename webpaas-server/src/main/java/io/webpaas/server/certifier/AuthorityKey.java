package io.webpaas.server.certifier;

import io.webpaas.sshca.CertificateAuthority;
import java.time.Instant;

/**
 * One generation of a CA key.
 *
 * @param publicKey the OpenSSH public key line, as published
 * @param authority the decrypted private key, or {@code null} when this server's roles do not sign with this CA
 * @param signsFrom when this key starts signing (it stops when the next generation starts)
 * @param retiresAt when it stops being published, or {@code null} for the newest key
 */
record AuthorityKey(AuthorityPurpose purpose, int generation, String publicKey, CertificateAuthority authority,
                    Instant signsFrom, Instant retiresAt) {

    boolean publishedAt(Instant now) {
        return retiresAt == null || now.isBefore(retiresAt);
    }
}
