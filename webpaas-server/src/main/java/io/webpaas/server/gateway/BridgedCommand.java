package io.webpaas.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.AsyncCommandStreamsAware;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session channel's shell, exec or subsystem request, carried to the same request on a
 * channel to the runtime: terminal and {@code TERM}, {@code LANG}, {@code LC_*} on the way in,
 * window changes and signals while it runs, output, EOF, exit status or signal and close on the
 * way back. Data moves through {@link ChannelPipe}s without a thread per stream: each side's
 * window is given back only as the other side takes the data, so a slow reader slows the writer
 * instead of filling the gateway's memory. The runtime connection is opened on a virtual thread,
 * never on one of MINA's I/O threads. A refused admission prints its {@link AccessDenied} text
 * and exits with status 1.
 */
final class BridgedCommand implements Command, AsyncCommandStreamsAware, ChannelSessionAware {
    private static final Logger log = LoggerFactory.getLogger(BridgedCommand.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);
    private static final int RUNTIME_UNREACHABLE = 255;

    private final Request request;
    private final Runtimes runtimes;
    private final GatewayAudit audit;
    private ChannelPipe fromUser;
    private IoOutputStream out;
    private IoOutputStream err;
    private ExitCallback exit;
    private volatile RuntimeSessionChannel upstream;
    private volatile boolean destroyed;

    /** What the client asked for: {@code shell}, {@code exec} with a command, or {@code subsystem} with a name. */
    record Request(String type, String argument) {
        @Override
        public String toString() {
            return argument == null ? type : type + " " + argument;
        }
    }

    BridgedCommand(Request request, Runtimes runtimes, GatewayAudit audit) {
        this.request = request;
        this.runtimes = runtimes;
        this.audit = audit;
    }

    /** The user's data goes into a pipe (instead of MINA's stream) that waits for the runtime's channel. */
    @Override
    public void setChannelSession(ChannelSession channel) {
        fromUser = new ChannelPipe(channel);
        channel.setDataReceiver(fromUser.receiver());
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ServerSession session = (ServerSession) channel.getSession();
        switch (session.getAttribute(GatewayAuthenticator.ADMISSION)) {
            case Admission.Refused refused -> tell(refused.message(), () -> exit.onExit(1, refused.reason()));
            case Admission.Admitted admitted -> {
                audit.sessionStarted(session, admitted, request.toString());
                if (request.type().equals("exec")) {
                    audit.exec(session, admitted, request.argument());
                }
                if (((GatewayChannelSession) channel).agentRequested()) {
                    audit.agentForward(session, admitted);
                }
                env.addSignalListener((ignored, signal) -> forward(signal, env));
                Thread.ofVirtual().name("bridge-" + session.getUsername())
                        .start(() -> bridge(session, admitted, (GatewayChannelSession) channel, env));
            }
        }
    }

    private void bridge(ServerSession session, Admission.Admitted admitted, GatewayChannelSession channel,
                        Environment env) {
        Instant started = Instant.now();
        RuntimeSessionChannel opened;
        try {
            opened = open(runtimes.of(session, admitted), channel, env);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot reach the runtime of {}: {}", admitted.target().username(), e.toString());
            endedBeforeStart(session, admitted, started, RUNTIME_UNREACHABLE, "runtime unreachable: " + e.getMessage());
            tell("Error: the app's runtime cannot be reached right now; try again later\n",
                    () -> exit.onExit(RUNTIME_UNREACHABLE, "runtime unreachable"));
            return;
        }
        upstream = opened;
        if (destroyed) { // the user's channel closed while the runtime's was opening: nothing may keep it open
            opened.close(false);
            endedBeforeStart(session, admitted, started, null, null);
            return;
        }
        fromUser.connect(opened.toRuntime());
        ChannelPipe.whenFinished(opened::eof, fromUser);
        opened.stdout().connect(out);
        opened.stderr().connect(err);
        CompletableFuture<Void> output = ChannelPipe.whenFinished(channel::eof, opened.stdout(), opened.stderr());
        CompletableFuture<Void> closed = new CompletableFuture<>();
        opened.addCloseFutureListener(future -> closed.complete(null));
        CompletableFuture.allOf(output, closed).thenRun(() -> end(session, admitted, channel, opened, started));
    }

    private void endedBeforeStart(ServerSession session, Admission.Admitted admitted, Instant started, Integer status,
                                  String error) {
        audit.sessionEnded(session, admitted, request.toString(),
                SessionOutcome.beforeStart(Duration.between(started, Instant.now()), status, error));
    }

    private RuntimeSessionChannel open(ClientSession runtime, GatewayChannelSession channel, Environment env)
            throws IOException {
        Map<String, String> forwarded = new TreeMap<>();
        env.getEnv().forEach((name, value) -> {
            if (name.equals("TERM") || name.equals("LANG") || name.startsWith("LC_")) {
                forwarded.put(name, value);
            }
        });
        RuntimeSessionChannel opened = new RuntimeSessionChannel(request, forwarded);
        configure(opened, channel, env);
        runtime.getService(ConnectionService.class).registerChannel(opened);
        opened.open().verify(OPEN_TIMEOUT);
        return opened;
    }

    private static void configure(RuntimeSessionChannel upstream, GatewayChannelSession channel, Environment env) {
        Map<String, String> variables = env.getEnv();
        upstream.setAgentForwarding(channel.agentRequested());
        upstream.setUsePty(channel.ptyRequested());
        if (channel.ptyRequested()) {
            upstream.setPtyType(variables.getOrDefault(Environment.ENV_TERM, "vt100"));
            upstream.setPtyColumns(number(variables.get(Environment.ENV_COLUMNS), 80));
            upstream.setPtyLines(number(variables.get(Environment.ENV_LINES), 24));
            upstream.setPtyModes(env.getPtyModes());
        }
    }

    private void forward(Signal signal, Environment env) {
        RuntimeSessionChannel running = upstream;
        if (running == null) {
            return; // not open yet: the runtime starts with the terminal size asked for last
        }
        try {
            if (signal == Signal.WINCH) {
                running.sendWindowChange(number(env.getEnv().get(Environment.ENV_COLUMNS), 80),
                        number(env.getEnv().get(Environment.ENV_LINES), 24));
            } else {
                ChannelRequests.signal(running, signal.name());
            }
        } catch (IOException e) {
            log.debug("cannot forward {} to the runtime: {}", signal, e.toString());
        }
    }

    private void end(ServerSession session, Admission.Admitted admitted, ChannelSession channel,
                     RuntimeSessionChannel finished, Instant started) {
        Integer status = finished.getExitStatus();
        String signal = finished.getExitSignal();
        audit.sessionEnded(session, admitted, request.toString(), new SessionOutcome(fromUser.bytes(),
                finished.stdout().bytes() + finished.stderr().bytes(), Duration.between(started, Instant.now()),
                status, signal, null));
        try {
            if (status == null && signal != null) {
                ChannelRequests.exitSignal(channel, signal);
                channel.close(false);
            } else {
                exit.onExit(status == null ? RUNTIME_UNREACHABLE : status);
            }
        } catch (IOException e) {
            log.debug("cannot send the exit of {} to the client: {}", request, e.toString());
        }
    }

    /** Writes a message on the user's stderr, then runs {@code then}. */
    private void tell(String message, Runnable then) {
        try {
            err.writeBuffer(new ByteArrayBuffer(message.getBytes(StandardCharsets.UTF_8)))
                    .addListener(written -> then.run());
        } catch (IOException e) {
            log.debug("cannot tell the client: {}", e.toString());
            then.run();
        }
    }

    private static int number(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true; // read by the bridge after it sets upstream: one of the two sees the other
        RuntimeSessionChannel running = upstream;
        if (running != null) {
            running.close(false);
        }
    }

    @Override
    public void setIoOutputStream(IoOutputStream out) {
        this.out = out;
    }

    @Override
    public void setIoErrorStream(IoOutputStream err) {
        this.err = err;
    }

    /** Not called: the user's input goes to the receiver {@link #setChannelSession} installs. */
    @Override
    public void setIoInputStream(IoInputStream in) {
    }

    /** Not called: MINA gives this command asynchronous streams. */
    @Override
    public void setInputStream(InputStream in) {
    }

    /** Not called, see {@link #setInputStream}. */
    @Override
    public void setOutputStream(OutputStream out) {
    }

    /** Not called, see {@link #setInputStream}. */
    @Override
    public void setErrorStream(OutputStream err) {
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
