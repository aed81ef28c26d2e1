package io.webpaas.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (CA private keys, TOTP seeds) with AES-256-GCM under the
 * key-encryption key. The KEK comes from {@code webpaas.kek}; all-in-one generates one
 * into {@code <dataDir>/kek} (mode 0600) on first start.
 *
 * <p>Each ciphertext is bound to a purpose string (GCM associated data), so a value
 * sealed for one column cannot be replayed into another.
 */
@Component
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String PREFIX = "v1:";

    private final SecretKeySpec kek;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(WebpaasProperties properties) {
        this.kek = new SecretKeySpec(loadOrCreateKek(properties), "AES");
    }

    public String seal(String purpose, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt " + purpose, e);
        }
    }

    public byte[] open(String purpose, String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("unknown sealed format for " + purpose);
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt " + purpose + ": wrong key-encryption key?", e);
        }
    }

    private static byte[] loadOrCreateKek(WebpaasProperties properties) {
        if (!properties.kek().isBlank()) {
            return requireAes256(Base64.getDecoder().decode(properties.kek().trim()), "webpaas.kek");
        }
        Path file = properties.dataDir().resolve("kek");
        try {
            if (Files.exists(file)) {
                return requireAes256(Base64.getDecoder().decode(Files.readString(file).trim()), file.toString());
            }
            Files.createDirectories(properties.dataDir());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(properties.dataDir(), "kek", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key-encryption key " + file, e);
        }
    }

    private static byte[] requireAes256(byte[] key, String source) {
        if (key.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes, base64-encoded (got " + key.length + ")");
        }
        return key;
    }
}
