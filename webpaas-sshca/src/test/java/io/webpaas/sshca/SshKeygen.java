package io.webpaas.sshca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real OpenSSH {@code ssh-keygen} in a scratch directory. */
final class SshKeygen {
    private final Path dir;

    SshKeygen(Path dir) {
        this.dir = dir;
    }

    /** {@code ssh-keygen -L} of a certificate line. */
    String list(String certificateLine) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "cert", "-cert.pub");
        Files.writeString(file, certificateLine + "\n");
        return run("ssh-keygen", "-L", "-f", file.toString());
    }

    /** A new Ed25519 key pair; returns the private key file (the public one is beside it, {@code .pub}). */
    Path newKey(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
        return key;
    }

    /** Signs {@code key.pub} with the CA private key file the way an operator would; returns the certificate line. */
    String sign(Path caKey, Path key, String keyId, String principals, String validity)
            throws IOException, InterruptedException {
        run("ssh-keygen", "-q", "-s", caKey.toString(), "-I", keyId, "-n", principals, "-V", validity,
                key + ".pub");
        return Files.readString(Path.of(key + "-cert.pub")).strip();
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
