package io.webpaas.sshca;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * An Ed25519 SSH certificate authority: a key pair that signs {@link CertificateSpec}s.
 * Thread-safe; signing allocates its own signer per call.
 *
 * <p>The private key travels as PKCS#8 bytes ({@link #privateKeyPkcs8()}) so the caller
 * can seal it at rest; this class never stores anything.
 */
public final class CertificateAuthority {
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();
    /**
     * Certificate nonces. One generator per thread: MINA's default is a single shared
     * SecureRandom, which concurrent signing threads queue on.
     */
    private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(CertificateAuthority::drbg);
    private static final int NONCE_BYTES = 32;

    private final KeyPair keyPair;
    private final String comment;
    private final String publicKeyLine;

    private CertificateAuthority(KeyPair keyPair, String comment) {
        this.keyPair = keyPair;
        this.comment = Objects.requireNonNull(comment, "comment");
        this.publicKeyLine = PublicKeyEntry.toString(keyPair.getPublic()) + (comment.isEmpty() ? "" : " " + comment);
    }

    /** A fresh Ed25519 CA key. The comment names the CA in {@code authorized_keys}-style lines. */
    public static CertificateAuthority generate(String comment) {
        try {
            return new CertificateAuthority(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key: is BouncyCastle on the class path?", e);
        }
    }

    /** Rebuilds a CA from the PKCS#8 bytes {@link #privateKeyPkcs8()} returned. */
    public static CertificateAuthority fromPkcs8(byte[] pkcs8, String comment) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519", BOUNCY_CASTLE)
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PublicKey publicKey = ((EdDSAPrivateKey) privateKey).getPublicKey();
            return new CertificateAuthority(new KeyPair(publicKey, privateKey), comment);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 form", e);
        }
    }

    /** @throws IllegalArgumentException for a key type OpenSSH certificates cannot carry here (e.g. FIDO {@code sk-} keys) */
    public OpenSshCertificate sign(CertificateSpec spec) {
        OpenSshCertificateBuilder builder = spec.type() == OpenSshCertificate.Type.USER
                ? OpenSshCertificateBuilder.userCertificate()
                : OpenSshCertificateBuilder.hostCertificate();
        builder.publicKey(spec.key())
                .id(spec.keyId())
                .principals(spec.principals())
                .serial(spec.serial())
                .validAfter(spec.validAfter())
                .validBefore(spec.validBefore())
                .criticalOptions(spec.criticalOptions())
                .extensions(spec.extensions())
                .nonce(nonce());
        try {
            return builder.sign(keyPair, KeyPairProvider.SSH_ED25519);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("OpenSSH certificates for " + KeyUtils.getKeyType(spec.key())
                    + " keys are not supported; use an ssh-ed25519, ecdsa-sha2-* or ssh-rsa key", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign certificate " + spec.keyId(), e);
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().nextBytes(nonce);
        return nonce;
    }

    /** A per-thread NIST DRBG: no lock shared with other threads, unlike the platform default. */
    public static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG SecureRandom", e);
        }
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** {@code ssh-ed25519 AAAA… comment}, the form {@code TrustedUserCAKeys} and {@code @cert-authority} take. */
    public String publicKeyLine() {
        return publicKeyLine;
    }

    public byte[] privateKeyPkcs8() {
        return keyPair.getPrivate().getEncoded();
    }
}
