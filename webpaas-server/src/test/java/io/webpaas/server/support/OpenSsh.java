package io.webpaas.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The real OpenSSH command-line tools, run in a scratch directory. */
public final class OpenSsh {
    private final Path dir;
    private final AtomicInteger keys = new AtomicInteger();

    public OpenSsh(Path dir) {
        this.dir = dir;
    }

    /** A new Ed25519 key pair commented {@code name}; returns the private key file ({@code .pub} beside it). */
    public Path newKey(String name) {
        return newKey(name, "ed25519", 256);
    }

    /** A new key pair of any type {@code ssh-keygen -t} knows; returns the private key file. */
    public Path newKey(String name, String type, int bits) {
        Path key = dir.resolve(name + "-" + type + bits + "-" + keys.incrementAndGet());
        run("ssh-keygen", "-q", "-t", type, "-b", Integer.toString(bits), "-N", "", "-C", name,
                "-f", key.toString());
        return key;
    }

    public static Path publicKeyFile(Path key) {
        return Path.of(key + ".pub");
    }

    /** The one line of the key's {@code .pub} file. */
    public String publicKey(Path key) {
        return read(publicKeyFile(key)).strip();
    }

    /** {@code ssh-keygen -l -E <hash>}: "256 SHA256:abc... comment (ED25519)" gives "SHA256:abc...". */
    public String fingerprint(Path key, String hash) {
        return run("ssh-keygen", "-l", "-E", hash, "-f", publicKeyFile(key).toString()).output().split(" ")[1];
    }

    /** Writes a certificate beside {@code key} under the name {@code ssh} would look for it. */
    public Path writeCertificate(Path key, String certificate) throws IOException {
        return Files.writeString(Path.of(key + "-cert.pub"), certificate + "\n");
    }

    /** {@code ssh-keygen -L} of a certificate line. */
    public String list(String certificate) throws IOException {
        Path file = Files.createTempFile(dir, "listed", "-cert.pub");
        Files.writeString(file, certificate + "\n");
        return run("ssh-keygen", "-L", "-f", file.toString()).output();
    }

    /** Signs {@code key}'s public half with a CA private key file, as an operator with ssh-keygen would. */
    public String signWith(Path caKey, Path key, String keyId, String principal) {
        run("ssh-keygen", "-q", "-s", caKey.toString(), "-I", keyId, "-n", principal, "-V", "-5m:+1h",
                publicKeyFile(key).toString());
        return read(Path.of(key + "-cert.pub")).strip();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs a command that must succeed. */
    public static Result run(String... command) {
        Result result = exec(List.of(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ": "
                    + result.output());
        }
        return result;
    }

    /** Runs a command with no input; its exit code and its output and errors together. */
    public static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
