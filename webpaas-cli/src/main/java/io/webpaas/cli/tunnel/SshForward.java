package io.webpaas.cli.tunnel;

import io.webpaas.cli.CliException;
import io.webpaas.cli.directory.App;
import io.webpaas.cli.ssh.OpenSsh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ssh -N -L 127.0.0.1:<local port>:<host>:<port>} behind a tunnel: in the
 * background (its own session, so closing the terminal leaves it running, output to the
 * tunnels log) or in the foreground. It is ready once it listens on the local port.
 */
final class SshForward {
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private SshForward() {
    }

    static List<String> command(OpenSsh ssh, App app, Tunnel tunnel) {
        return ssh.command(app, List.of("-N", "-o", "ExitOnForwardFailure=yes", "-o", "BatchMode=yes",
                "-o", "ServerAliveInterval=30", "-L", tunnel.forwardSpec()), List.of());
    }

    /** Starts the tunnel's ssh detached from this terminal; returns its PID once it listens. */
    static long startInBackground(OpenSsh ssh, App app, Tunnel tunnel, Path log) {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(command(ssh, app, tunnel));
        Process process = start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        awaitListening(process, tunnel, "see " + log);
        return process.pid();
    }

    /** Starts the tunnel's ssh on this terminal; returns it once it listens. */
    static Process startInForeground(OpenSsh ssh, App app, Tunnel tunnel) {
        Process process = start(new ProcessBuilder(command(ssh, app, tunnel)).inheritIO());
        awaitListening(process, tunnel, "its message above says why");
        return process;
    }

    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            process.destroyForcibly();
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ssh (is OpenSSH installed?)", e);
        }
    }

    /** ssh listens on the local port only after it has logged in: then nobody else can take the port. */
    private static void awaitListening(Process process, Tunnel tunnel, String whereToLook) {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new CliException("The SSH tunnel to " + tunnel.relationship() + " of " + tunnel.appName()
                        + " could not be opened (ssh exited " + process.exitValue() + "); " + whereToLook + ".");
            }
            if (!LocalPorts.isFree(tunnel.localPort())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop(process.toHandle());
        throw new CliException("The SSH tunnel to " + tunnel.relationship() + " of " + tunnel.appName()
                + " was not ready within " + READY_WITHIN.toSeconds() + " s; " + whereToLook + ".");
    }
}
