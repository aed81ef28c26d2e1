package io.webpaas.cli.certificate;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The session's Ed25519 key pair (the JDK's own Ed25519), written in the formats OpenSSH
 * reads: the {@code ssh-ed25519 AAAA… comment} public line and the unencrypted
 * {@code openssh-key-v1} private key (PROTOCOL.key in OpenSSH's sources).
 *
 * @param publicKey the 32-byte public key
 * @param seed the 32-byte private seed
 */
record SessionKeyPair(byte[] publicKey, byte[] seed, String comment) {
    static final String TYPE = "ssh-ed25519";
    private static final SecureRandom RANDOM = new SecureRandom();

    static SessionKeyPair generate(String comment) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: the key is the last 32 bytes
            byte[] publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            return new SessionKeyPair(publicKey, seed, comment);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    String publicKeyLine() {
        return TYPE + " " + Base64.getEncoder().encodeToString(publicKeyBlob()) + " " + comment + "\n";
    }

    String privateKeyPem() {
        int check = RANDOM.nextInt();
        SshWire.Writer secret = new SshWire.Writer()
                .uint32(check).uint32(check)
                .string(TYPE)
                .string(publicKey)
                .string(concat(seed, publicKey))
                .string(comment);
        for (int pad = 1; secret.size() % 8 != 0; pad++) {
            secret.raw(new byte[] {(byte) pad});
        }
        byte[] body = new SshWire.Writer()
                .raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
                .string("none").string("none").string(new byte[0])
                .uint32(1)
                .string(publicKeyBlob())
                .string(secret.bytes())
                .bytes();
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(body)
                + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }

    private byte[] publicKeyBlob() {
        return new SshWire.Writer().string(TYPE).string(publicKey).bytes();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
