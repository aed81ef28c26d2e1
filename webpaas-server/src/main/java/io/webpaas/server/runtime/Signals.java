package io.webpaas.server.runtime;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends POSIX signals by name, which Java's process API cannot (it only terminates). */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** {@code kill -s <signal> -- <target>}: a PID, or a negative process group ID. */
    static void send(Signal signal, long target) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal.name(), "--", String.valueOf(target))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                log.debug("kill -s {} {} failed: {}", signal, target, new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            log.warn("cannot send {} to {}: {}", signal, target, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
