package io.webpaas.server.support;

import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.CertificateSpec;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} on a free loopback port that trusts the user CA keys written to
 * its {@code TrustedUserCAKeys} file and lets the certificate principals listed in its
 * {@code AuthorizedPrincipalsFile} log in as the local user running the tests. sshd reads both
 * files at every login, so rewriting them takes effect without a restart. Started with a host CA,
 * its host key carries a certificate from that CA ({@code HostCertificate}), as the gateway demands
 * of a runtime.
 */
public final class SshServer implements AutoCloseable {
    private final Path dir;
    private final Path trustedCaKeys;
    private final Path principals;
    private final int port;
    private final Process process;

    private SshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.trustedCaKeys = trustedCaKeysFile(dir);
        this.principals = principalsFile(dir);
        this.port = port;
        this.process = process;
    }

    public static SshServer start(Path dir, List<String> trustedCaKeys, String principal) throws Exception {
        return start(dir, trustedCaKeys, principal, null, null);
    }

    /** As {@link #start(Path, List, String)}, with a host certificate from {@code hostCa} naming {@code hostname}. */
    public static SshServer start(Path dir, List<String> trustedCaKeys, String principal, CertificateAuthority hostCa,
                                  String hostname) throws Exception {
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory sshd insists on
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        OpenSsh.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> settings = new ArrayList<>(List.of(
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
                "TrustedUserCAKeys " + trustedCaKeysFile(dir),
                "AuthorizedPrincipalsFile " + principalsFile(dir),
                "Subsystem sftp /usr/lib/openssh/sftp-server",
                "LogLevel VERBOSE"));
        if (hostCa != null) {
            settings.add("HostCertificate " + certifyHostKey(hostKey, hostCa, hostname));
        }
        Path config = Files.write(dir.resolve("sshd_config"), settings);
        writeLines(trustedCaKeysFile(dir), trustedCaKeys);
        writeLines(principalsFile(dir), List.of(principal));
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        SshServer started = new SshServer(dir, port, process);
        started.awaitListening();
        return started;
    }

    private static Path certifyHostKey(Path hostKey, CertificateAuthority hostCa, String hostname) throws Exception {
        Instant now = Instant.now();
        Path certificate = hostKey.resolveSibling(hostKey.getFileName() + "-cert.pub");
        Files.writeString(certificate, SshCertificates.format(hostCa.sign(CertificateSpec.host(
                SshPublicKey.parse(OpenSsh.read(OpenSsh.publicKeyFile(hostKey))).publicKey(), "test sshd " + hostname,
                List.of(hostname), now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(2)), now.toEpochMilli())))
                + "\n");
        return certificate;
    }

    public void trust(List<String> caKeys) throws IOException {
        writeLines(trustedCaKeys, caKeys);
    }

    public void allow(String principal) throws IOException {
        writeLines(principals, List.of(principal));
    }

    private static Path trustedCaKeysFile(Path dir) {
        return dir.resolve("trusted-user-ca-keys");
    }

    private static Path principalsFile(Path dir) {
        return dir.resolve("authorized-principals");
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** Runs {@code true} over ssh with exactly this key and certificate; returns ssh's exit code (0: accepted). */
    public OpenSsh.Result login(Path key, Path certificate) {
        return OpenSsh.exec(List.of("ssh", "-p", String.valueOf(port),
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "CertificateFile=" + certificate, "-i", key.toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR",
                System.getProperty("user.name") + "@127.0.0.1", "true"));
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on port " + port + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
