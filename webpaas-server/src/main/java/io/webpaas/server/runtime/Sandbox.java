package io.webpaas.server.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wraps a session's command in {@code bwrap}: system directories and the app read-only, the
 * app's mounts writable, a private {@code /tmp}, its own user, PID, UTS and IPC namespaces,
 * user {@code web} and the SSH username as host name, with {@link SandboxFiles}' generated files
 * over the host's. The network is shared: relationships are reached over it.
 */
@Component
class Sandbox {
    static final int UID = 10000;
    /** Where a forwarded agent's socket appears in the sandbox. */
    private static final String AGENT_SOCKET = "/run/ssh-agent.sock";
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    /** Top-level system directories: bound read-only, or recreated as the symlinks they are on merged-/usr hosts. */
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
            "/etc");
    private final RuntimeProperties properties;
    private final SandboxFiles files;
    private final HostSecrets secrets = new HostSecrets(Path.of("/etc"));

    Sandbox(RuntimeProperties properties, SandboxFiles files) {
        this.properties = properties;
        this.files = files;
    }

    /** Refuses to run without bwrap unless the operator accepted running sessions unconfined. */
    void requireAvailable() {
        if (isAvailable()) {
            return;
        }
        if (!properties.insecureNoSandbox()) {
            throw new IllegalStateException(properties.bwrap() + " (bubblewrap) is missing, so sessions cannot be "
                    + "sandboxed; install bubblewrap, or start with --webpaas.runtime.insecure-no-sandbox=true "
                    + "to run sessions unconfined");
        }
        log.warn("{} is missing: sessions run WITHOUT a sandbox (webpaas.runtime.insecure-no-sandbox)",
                properties.bwrap());
    }

    boolean isAvailable() {
        return Files.isExecutable(properties.bwrap());
    }

    /** {@code SSH_AUTH_SOCK} in a session: the agent socket's path as the session sees it. */
    String agentPath(Path agentSocket) {
        return isAvailable() ? AGENT_SOCKET : agentSocket.toString();
    }

    /**
     * The command line that runs {@code command} for {@code session}, sandboxed unless bwrap is missing.
     *
     * @param agent the forwarded agent's socket, or {@code null}
     */
    List<String> wrap(RuntimeSession session, AppHome home, Path agent, List<String> command, boolean terminal) {
        if (!isAvailable()) {
            return command;
        }
        List<String> argv = new ArrayList<>(List.of(properties.bwrap().toString(), "--die-with-parent"));
        if (!terminal) {
            // Without a terminal of its own the command must not reach the runtime's (TIOCSTI).
            argv.add("--new-session");
        }
        for (String dir : SYSTEM) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                argv.addAll(List.of("--symlink", readLink(path), dir));
            } else if (Files.isDirectory(path)) {
                argv.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        HostSecrets.Hidden hidden = secrets.current();
        for (Path file : hidden.files()) {
            argv.addAll(List.of("--ro-bind", "/dev/null", file.toString()));
        }
        for (Path dir : hidden.directories()) {
            argv.addAll(List.of("--tmpfs", dir.toString()));
        }
        for (SandboxFiles.Overlay overlay : files.overlays(session, home)) {
            argv.addAll(List.of("--ro-bind", overlay.source().toString(), overlay.target()));
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--ro-bind", home.dir().toString(), home.dir().toString()));
        for (Path mount : home.mounts()) {
            argv.addAll(List.of("--bind", mount.toString(), mount.toString()));
        }
        if (agent != null) {
            argv.addAll(List.of("--bind", agent.toString(), AGENT_SOCKET));
        }
        argv.addAll(List.of("--unshare-user", "--uid", String.valueOf(UID), "--gid", String.valueOf(UID),
                "--unshare-pid", "--unshare-uts", "--unshare-ipc",
                "--hostname", session.username(), "--chdir", home.dir().toString(), "--"));
        argv.addAll(command);
        return argv;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
