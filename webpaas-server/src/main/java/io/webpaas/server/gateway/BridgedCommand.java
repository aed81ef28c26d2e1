package io.webpaas.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session channel's shell, exec or subsystem request, carried to the same request on a
 * channel to the runtime: terminal and {@code TERM}, {@code LANG}, {@code LC_*} on the way in,
 * window changes and signals while it runs, output, exit status or signal, EOF and close on the
 * way back. Streams are copied with MINA's blocking channel streams, which wait for the other
 * side's window, so a slow reader slows the writer instead of filling the gateway's memory.
 * A refused admission prints its {@link AccessDenied} text and exits with status 1.
 */
final class BridgedCommand implements Command {
    private static final Logger log = LoggerFactory.getLogger(BridgedCommand.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);
    private static final int RUNTIME_UNREACHABLE = 255;

    private final Request request;
    private final Runtimes runtimes;
    private final GatewayAudit audit;
    private final ByteCounter bytes = new ByteCounter();
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile ClientChannel upstream;

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

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ServerSession session = (ServerSession) channel.getSession();
        switch (session.getAttribute(GatewayAuthenticator.ADMISSION)) {
            case Admission.Refused refused -> {
                err.write(refused.message().getBytes(StandardCharsets.UTF_8));
                err.flush();
                exit.onExit(1, refused.reason());
            }
            case Admission.Admitted admitted -> bridge(session, admitted, (GatewayChannelSession) channel, env);
        }
    }

    private void bridge(ServerSession session, Admission.Admitted admitted, GatewayChannelSession channel,
                        Environment env) throws IOException {
        audit.sessionStarted(session, admitted, request.toString());
        if (request.type().equals("exec")) {
            audit.exec(session, admitted, request.argument());
        }
        if (channel.agentRequested()) {
            audit.agentForward(session, admitted);
        }
        Instant started = Instant.now();
        try {
            upstream = open(runtimes.of(session, admitted), channel, env);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot reach the runtime of {}: {}", admitted.target().username(), e.toString());
            err.write(("Error: the app's runtime cannot be reached right now; try again later\n")
                    .getBytes(StandardCharsets.UTF_8));
            err.flush();
            audit.sessionEnded(session, admitted, request.toString(),
                    new SessionOutcome(0, 0, Duration.between(started, Instant.now()), RUNTIME_UNREACHABLE, null));
            exit.onExit(RUNTIME_UNREACHABLE, "runtime unreachable");
            return;
        }
        env.addSignalListener((ignored, signal) -> forward(signal, env));
        Thread.ofVirtual().name("bridge-" + session.getUsername()).start(() -> awaitEnd(session, admitted, channel,
                started));
    }

    private ClientChannel open(ClientSession runtime, GatewayChannelSession channel, Environment env)
            throws IOException {
        ClientChannel opened = switch (request.type()) {
            case "shell" -> configure(runtime.createShellChannel(), channel, env);
            case "exec" -> configure(runtime.createExecChannel(request.argument()), channel, env);
            default -> runtime.createSubsystemChannel(request.argument());
        };
        opened.setIn(bytes.fromClient(in));
        opened.setOut(bytes.toClient(out));
        opened.setErr(bytes.toClient(err));
        opened.open().verify(OPEN_TIMEOUT);
        return opened;
    }

    private static <C extends PtyCapableChannelSession> C configure(C upstream, GatewayChannelSession channel,
                                                                   Environment env) {
        Map<String, String> variables = env.getEnv();
        variables.forEach((name, value) -> {
            if (name.equals("TERM") || name.equals("LANG") || name.startsWith("LC_")) {
                upstream.setEnv(name, value);
            }
        });
        upstream.setAgentForwarding(channel.agentRequested());
        upstream.setUsePty(channel.ptyRequested());
        if (channel.ptyRequested()) {
            upstream.setPtyType(variables.getOrDefault(Environment.ENV_TERM, "vt100"));
            upstream.setPtyColumns(number(variables.get(Environment.ENV_COLUMNS), 80));
            upstream.setPtyLines(number(variables.get(Environment.ENV_LINES), 24));
            upstream.setPtyModes(env.getPtyModes());
        }
        return upstream;
    }

    private void forward(Signal signal, Environment env) {
        try {
            if (signal == Signal.WINCH && upstream instanceof PtyCapableChannelSession pty) {
                pty.sendWindowChange(number(env.getEnv().get(Environment.ENV_COLUMNS), 80),
                        number(env.getEnv().get(Environment.ENV_LINES), 24));
            } else {
                ChannelRequests.signal(upstream, signal.name());
            }
        } catch (IOException e) {
            log.debug("cannot forward {} to the runtime: {}", signal, e.toString());
        }
    }

    private void awaitEnd(ServerSession session, Admission.Admitted admitted, ChannelSession channel,
                          Instant started) {
        upstream.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        Integer status = upstream.getExitStatus();
        String signal = upstream.getExitSignal();
        audit.sessionEnded(session, admitted, request.toString(), new SessionOutcome(bytes.in(), bytes.out(),
                Duration.between(started, Instant.now()), status, signal));
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

    private static int number(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        ClientChannel running = upstream;
        if (running != null) {
            running.close(false);
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
