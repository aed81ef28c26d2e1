package io.webpaas.server.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session channel's command: starts the sandboxed process, copies the streams both ways
 * (blocking writes to the channel follow the client's window, so a slow reader slows the
 * command instead of filling memory), forwards window changes and signals, and reports the
 * exit status once the output has been delivered.
 */
final class SandboxCommand implements Command {
    private static final Logger log = LoggerFactory.getLogger(SandboxCommand.class);
    /** How long output still draining after the exit may take (a background job can hold a terminal open). */
    private static final long DRAIN_MILLIS = 2000;
    /** The details are the operator's, in the log; 255 is what ssh itself exits with when it fails. */
    private static final String CANNOT_START = "Error: the session cannot start on the app's runtime; try again later\n";
    private static final int CANNOT_START_STATUS = 255;

    private final SessionCommands commands;
    private final List<String> command;
    private final boolean interactive;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile SessionProcess process;

    SandboxCommand(SessionCommands commands, List<String> command, boolean interactive) {
        this.commands = commands;
        this.command = command;
        this.interactive = interactive;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) throws IOException {
        RuntimeSession session = RuntimeSession.of(channel.getSession());
        try {
            process = commands.start(session, channel, environment, command);
        } catch (IOException | RuntimeException e) {
            // Thrown out of here it would close the whole connection without a word to the user.
            log.warn("cannot start {} for {} on {}: {}", command.getFirst(), session.endUser(), session.username(),
                    e.toString());
            err.write(CANNOT_START.getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(CANNOT_START_STATUS, "cannot start");
            return;
        }
        boolean terminal = process.stderr() == null;
        String warning = commands.sandboxWarning(session);
        if (warning != null) {
            (terminal ? out : err).write(warning.getBytes(StandardCharsets.UTF_8));
        }
        if (interactive && terminal) {
            out.write(Welcome.banner(session.target()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        environment.addSignalListener((ignored, signal) -> {
            if (signal == Signal.WINCH) {
                process.resize(SessionCommands.size(environment, Environment.ENV_COLUMNS),
                        SessionCommands.size(environment, Environment.ENV_LINES));
            } else {
                process.signal(signal);
            }
        });
        List<Thread> outputs = new ArrayList<>();
        outputs.add(copy("stdout", process.stdout(), out));
        if (!terminal) {
            outputs.add(copy("stderr", process.stderr(), err));
        }
        Thread input = thread("stdin", () -> copyInput(process));
        input.start();
        thread("exit", () -> awaitExit(outputs)).start();
    }

    private void copyInput(SessionProcess running) {
        try {
            in.transferTo(new FlushingStream(running.stdin()));
            if (running.closesInputOnEof()) {
                running.stdin().close();
            }
        } catch (IOException closed) {
            // the command exited or the channel closed: nothing left to deliver
        }
    }

    private Thread copy(String name, InputStream from, OutputStream to) {
        Thread thread = thread(name, () -> {
            try {
                from.transferTo(new FlushingStream(to));
            } catch (IOException closed) {
                // a terminal reports EIO once the command has exited; the channel may have closed
            }
        });
        thread.start();
        return thread;
    }

    private void awaitExit(List<Thread> outputs) {
        int status;
        try {
            status = process.waitFor();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
            for (Thread output : outputs) {
                output.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            out.flush();
            err.flush();
        } catch (IOException closed) {
            log.debug("channel closed before the exit status: {}", closed.toString());
        }
        exit.onExit(status);
    }

    /** Platform threads: pty4j reads in native code, which would pin a virtual thread's carrier. */
    private static Thread thread(String name, Runnable body) {
        return Thread.ofPlatform().daemon().name("runtime-" + name).unstarted(body);
    }

    @Override
    public void destroy(ChannelSession channel) {
        SessionProcess running = process;
        if (running != null) {
            running.destroy();
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
