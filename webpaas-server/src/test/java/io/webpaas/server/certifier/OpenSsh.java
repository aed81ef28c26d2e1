package io.webpaas.server.certifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real OpenSSH command-line tools, run in a scratch directory. */
final class OpenSsh {
    private final Path dir;

    OpenSsh(Path dir) {
        this.dir = dir;
    }

    /** A new Ed25519 key pair; returns the private key file ({@code .pub} beside it). */
    Path newKey(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
        return key;
    }

    String publicKey(Path key) throws IOException {
        return Files.readString(Path.of(key + ".pub")).strip();
    }

    /** Writes a certificate beside {@code key} under the name {@code ssh} would look for it. */
    Path writeCertificate(Path key, String certificate) throws IOException {
        return Files.writeString(Path.of(key + "-cert.pub"), certificate + "\n");
    }

    /** {@code ssh-keygen -L} of a certificate line. */
    String list(String certificate) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "listed", "-cert.pub");
        Files.writeString(file, certificate + "\n");
        return run("ssh-keygen", "-L", "-f", file.toString()).output();
    }

    /** Signs {@code key}'s public half with a CA private key file, as an operator with ssh-keygen would. */
    String signWith(Path caKey, Path key, String keyId, String principal) throws IOException, InterruptedException {
        run("ssh-keygen", "-q", "-s", caKey.toString(), "-I", keyId, "-n", principal, "-V", "-5m:+1h", key + ".pub");
        return Files.readString(Path.of(key + "-cert.pub")).strip();
    }

    record Result(int exitCode, String output) {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Result result = exec(List.of(command));
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.output());
        }
        return result;
    }

    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
