package io.webpaas.cli.certificate;

import io.webpaas.cli.home.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The session's SSH files, each 0600 and replaced atomically: {@code id_ed25519},
 * {@code id_ed25519.pub}, {@code id_ed25519-cert.pub} (the names ssh pairs by itself), and
 * {@code expiry}: the epoch second after which {@code bin/webpaas} must start the CLI to
 * look at the certificate again (before it, the launcher answers alone).
 */
public record CertificateFiles(Path dir) {
    public Path privateKey() {
        return dir.resolve("id_ed25519");
    }

    public Path publicKey() {
        return dir.resolve("id_ed25519.pub");
    }

    public Path certificate() {
        return dir.resolve("id_ed25519-cert.pub");
    }

    public Path expiry() {
        return dir.resolve("expiry");
    }

    void writeKeyPair(SessionKeyPair keys) {
        PrivateFiles.delete(expiry());
        PrivateFiles.write(privateKey(), keys.privateKeyPem());
        PrivateFiles.write(publicKey(), keys.publicKeyLine());
    }

    /** When the key pair was made (the private key is only ever written whole, once). */
    Optional<Instant> keyCreated() {
        try {
            return Files.isRegularFile(privateKey()) && Files.isRegularFile(publicKey())
                    ? Optional.of(Files.getLastModifiedTime(privateKey()).toInstant()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String publicKeyLine() {
        return read(publicKey()).strip();
    }

    Optional<SshCertificate> certificateIfAny() {
        return Files.isRegularFile(certificate()) ? Optional.of(SshCertificate.parse(read(certificate())))
                : Optional.empty();
    }

    void writeCertificate(String line, Instant renewAfter) {
        PrivateFiles.write(certificate(), line.strip() + "\n");
        writeExpiry(renewAfter);
    }

    void writeExpiry(Instant renewAfter) {
        PrivateFiles.write(expiry(), renewAfter.getEpochSecond() + "\n");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
