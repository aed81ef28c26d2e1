package io.webpaas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An OpenSSH {@code sshd} on a free loopback port with a temporary configuration: only
 * certificates from the given CAs, for the listed principals, log in as the local user; the one
 * cipher of the benchmark; no limit on connections that have not authenticated yet, as the
 * session-rate and idle-session runs open many at once. The login user's start-up files are
 * not what is measured (on a developer machine, say, a {@code pyenv init} of a few hundred
 * milliseconds, whose lock a thousand shells queue on); an app's shell on the runtime starts
 * in the app's directory, without them. So commands run with {@code SHLVL=1} (Debian's bash
 * reads {@code ~/.bashrc} when sshd starts it unless it is a nested shell) and an interactive
 * shell is {@code bash --norc}.
 */
final class Sshd implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String hostKey;
    private final Process process;

    private Sshd(Path dir, int port, String hostKey, Process process) {
        this.dir = dir;
        this.port = port;
        this.hostKey = hostKey;
        this.process = process;
    }

    /** Signs an sshd's host public key for 127.0.0.1, or answers null to leave it uncertified. */
    interface HostCertifier {
        String certify(String hostKey) throws Exception;
    }

    static Sshd start(Path dir, String cipher, List<String> trustedCaKeys, String principal, HostCertifier certifier)
            throws Exception {
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/sshd")); // the privilege separation directory sshd insists on
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        int port = Commands.freePort();
        Path trusted = Files.write(dir.resolve("trusted-user-ca-keys"), trustedCaKeys);
        Path principals = Files.write(dir.resolve("authorized-principals"), List.of(principal));
        String certificate = certifier.certify(Files.readString(Path.of(hostKey + ".pub")).strip());
        List<String> hostCertificate = certificate == null ? List.of() : List.of("HostCertificate "
                + Files.writeString(Path.of(hostKey + "-cert.pub"), certificate + "\n"));
        Path config = Files.write(dir.resolve("sshd_config"), Stream.concat(hostCertificate.stream(), Stream.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile none",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AuthorizedKeysFile none",
                "TrustedUserCAKeys " + trusted,
                "AuthorizedPrincipalsFile " + principals,
                "Ciphers " + cipher,
                "MaxStartups 10000",
                "PrintMotd no",
                "PrintLastLog no",
                "SetEnv SHLVL=1",
                "ForceCommand [ -z \"$SSH_ORIGINAL_COMMAND\" ] && exec /bin/bash --norc -i; "
                        + "eval \"$SSH_ORIGINAL_COMMAND\"",
                "LogLevel ERROR")).toList());
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Commands.awaitListening(port, process, dir.resolve("sshd.log"));
        return new Sshd(dir, port, Files.readString(Path.of(hostKey + ".pub")).strip(), process);
    }

    int port() {
        return port;
    }

    /** Its known_hosts line. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port + " " + hostKey;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "sshd on port " + port + " (" + dir + ")";
    }
}
