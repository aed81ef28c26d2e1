package io.webpaas.server.runtime;

import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Files the sandbox shows instead of the host's: {@code /etc/passwd} and {@code /etc/group}
 * naming {@code web} (home = the app directory), and an {@code ssh_config} in which host
 * {@code ssh} is the gateway, trusted through the host CA, so {@code ssh <other app>@ssh} hops
 * between projects. Rewritten at every session, atomically because concurrent sessions share
 * them, so they follow the app's path and the host CA's keys.
 */
@Component
class SandboxFiles {
    private static final Path HOST_SSH_CONFIG = Path.of("/etc/ssh/ssh_config");
    private static final String KNOWN_HOSTS = "/run/webpaas/ssh_known_hosts";
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    /** A generated file and where the sandbox sees it. */
    record Overlay(Path source, String target) {
    }

    private final Path dir;
    private final WebpaasProperties webpaas;
    private final Authorities authorities;

    SandboxFiles(WebpaasProperties webpaas, Authorities authorities) {
        this.dir = webpaas.dataDir().resolve("runtime").resolve("sandbox").toAbsolutePath().normalize();
        this.webpaas = webpaas;
        this.authorities = authorities;
    }

    List<Overlay> overlays(RuntimeSession session, AppHome home) {
        Path appDir = dir.resolve(session.username());
        List<Overlay> overlays = new ArrayList<>();
        try {
            Files.createDirectories(appDir);
            overlays.add(write(appDir.resolve("passwd"), "/etc/passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                    + SessionEnvironment.USER + ":x:" + Sandbox.UID + ":" + Sandbox.UID + ":web:" + home.dir()
                    + ":/bin/bash\n"));
            overlays.add(write(appDir.resolve("group"), "/etc/group",
                    "root:x:0:\n" + SessionEnvironment.USER + ":x:" + Sandbox.UID + ":\n"));
            if (Files.isRegularFile(HOST_SSH_CONFIG)) {
                overlays.add(write(appDir.resolve("ssh_config"), HOST_SSH_CONFIG.toString(),
                        gatewayAlias() + Files.readString(HOST_SSH_CONFIG)));
                overlays.add(write(appDir.resolve("ssh_known_hosts"), KNOWN_HOSTS, knownHosts()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's files under " + appDir, e);
        }
        return overlays;
    }

    /** First in the file: for ssh the first value of an option wins. */
    private String gatewayAlias() {
        return """
                # WebPaaS: `ssh <project>-<environment>--<app>@ssh` reaches the gateway.
                Host ssh
                    HostName %s
                    Port %d
                    HostKeyAlias %s
                    GlobalKnownHostsFile %s
                    UserKnownHostsFile /dev/null

                """.formatted(webpaas.sshHost(), webpaas.sshPort(), webpaas.sshHost(), KNOWN_HOSTS);
    }

    private String knownHosts() {
        return authorities.published(AuthorityPurpose.HOST, Instant.now()).stream()
                .map(key -> "@cert-authority " + webpaas.sshHost() + " " + key + "\n")
                .collect(Collectors.joining());
    }

    private static Overlay write(Path file, String target, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content);
        Files.setPosixFilePermissions(temporary, PUBLIC); // as on a host; nothing in them is secret
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Overlay(file, target);
    }
}
