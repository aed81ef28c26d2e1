package io.webpaas.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code ssh} client with one configuration file for the three paths, so they differ
 * only in where they go: {@code gateway} (the project's username at the gateway), {@code direct}
 * (the local user at the app's sshd) and {@code jump} (the same, through a second sshd with
 * {@code ProxyJump}). Every path uses the same key and user certificate, the one cipher, and
 * strict host key checking (the gateway through its host CA, the sshds by their keys).
 */
final class OpenSshClient {
    static final List<String> PATHS = List.of("gateway", "direct", "jump");

    private final Path config;

    private OpenSshClient(Path config) {
        this.config = config;
    }

    static OpenSshClient configure(Path dir, Path key, Path certificate, String cipher, int gatewayPort,
                                   String project, List<String> hostAuthorities, Sshd app, Sshd bastion)
            throws IOException {
        String user = System.getProperty("user.name");
        List<String> trusted = new ArrayList<>(List.of(app.knownHostsLine(), bastion.knownHostsLine()));
        hostAuthorities.forEach(line -> trusted.add("@cert-authority * " + line));
        Path knownHosts = Files.write(dir.resolve("known_hosts"), trusted);
        Path config = Files.write(dir.resolve("ssh_config"), List.of(
                "Host gateway",
                "  HostName 127.0.0.1",
                "  Port " + gatewayPort,
                "  User " + project,
                "Host direct",
                "  HostName 127.0.0.1",
                "  Port " + app.port(),
                "  User " + user,
                "Host bastion",
                "  HostName 127.0.0.1",
                "  Port " + bastion.port(),
                "  User " + user,
                "Host jump",
                "  HostName 127.0.0.1",
                "  Port " + app.port(),
                "  User " + user,
                "  ProxyJump bastion",
                "Host *",
                "  IdentityFile " + key,
                "  CertificateFile " + certificate,
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  Ciphers " + cipher,
                "  UserKnownHostsFile " + knownHosts,
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  BatchMode yes",
                "  ControlMaster no",
                "  ControlPath none",
                "  Compression no",
                "  LogLevel ERROR"));
        return new OpenSshClient(config);
    }

    /** Seconds for connect, authenticate and {@code exec true}, measured around the whole {@code ssh} process. */
    double execTrue(String path) throws IOException, InterruptedException {
        return Commands.timed(List.of("ssh", "-F", config.toString(), path, "true"));
    }

    /**
     * Streams {@code bytes} zero bytes from the far end ({@code head -c}) and returns MiB/s from the
     * first byte to the last, so connection setup is not counted.
     */
    double stream(String path, long bytes) throws IOException, InterruptedException {
        Process ssh = new ProcessBuilder("ssh", "-F", config.toString(), path, "head -c " + bytes + " /dev/zero")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] buffer = new byte[1 << 20];
        long received = 0;
        long first = 0;
        try (InputStream out = ssh.getInputStream()) {
            for (int read = out.read(buffer); read >= 0; read = out.read(buffer)) {
                if (received == 0) {
                    first = System.nanoTime();
                }
                received += read;
            }
        }
        long last = System.nanoTime();
        if (ssh.waitFor() != 0 || received != bytes) {
            throw new IOException("ssh " + path + " exited " + ssh.exitValue() + " after " + received + " of " + bytes
                    + " bytes");
        }
        return received / (double) (1 << 20) / ((last - first) / 1e9);
    }
}
