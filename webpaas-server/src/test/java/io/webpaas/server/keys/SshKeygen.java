package io.webpaas.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keys made by the real ssh-keygen, and its own account of their fingerprints. */
record SshKeygen(Path dir) {

    /** A new key pair; returns the public key file. */
    Path generate(String type, int bits, String comment) {
        Path file = dir.resolve(type + bits + "-" + System.nanoTime());
        run("ssh-keygen", "-q", "-t", type, "-b", Integer.toString(bits), "-N", "", "-C", comment,
                "-f", file.toString());
        return Path.of(file + ".pub");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ssh-keygen -l -E <hash>}: "256 SHA256:abc... comment (ED25519)" → "SHA256:abc...". */
    String fingerprint(Path pub, String hash) {
        return run("ssh-keygen", "-l", "-E", hash, "-f", pub.toString()).split(" ")[1];
    }

    /** Signs {@code pub} with the CA key {@code ca} (private key path); returns the certificate file. */
    Path certify(Path ca, Path pub) {
        run("ssh-keygen", "-q", "-s", ca.toString(), "-I", "someone", "-n", "someone", "-V", "+1h", pub.toString());
        return Path.of(pub.toString().replace(".pub", "-cert.pub"));
    }

    static Path privateKeyOf(Path pub) {
        return Path.of(pub.toString().replace(".pub", ""));
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
