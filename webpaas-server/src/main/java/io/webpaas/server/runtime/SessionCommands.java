package io.webpaas.server.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a session channel runs, always inside the app's sandbox: a login shell, an exec
 * command through {@code bash -c} (scp, rsync and git arrive this way), or OpenSSH's
 * sftp-server for the {@code sftp} subsystem.
 */
@Component
class SessionCommands {
    private static final Logger log = LoggerFactory.getLogger(SessionCommands.class);

    private final Sandbox sandbox;
    private final AppDirectories apps;
    private final SessionEnvironment environment;
    private final RuntimeProperties properties;

    SessionCommands(Sandbox sandbox, AppDirectories apps, SessionEnvironment environment,
                    RuntimeProperties properties) {
        this.sandbox = sandbox;
        this.apps = apps;
        this.environment = environment;
        this.properties = properties;
    }

    Command shell() {
        return new SandboxCommand(this, List.of("/bin/bash", "-l"), true);
    }

    Command exec(String command) {
        return new SandboxCommand(this, List.of("/bin/bash", "-c", command), false);
    }

    Command sftp() {
        return new SandboxCommand(this, List.of(properties.sftpServer().toString()), false);
    }

    /** Starts {@code command} for the session, on a terminal when the client asked for one. */
    SessionProcess start(RuntimeSession session, ChannelSession channel, Environment client, List<String> command)
            throws IOException {
        AppHome home = apps.prepare(session.target().app());
        Path agent = SandboxAgents.socketOf(channel.getSession());
        Map<String, String> variables = environment.variables(session.target(), home, client.getEnv(),
                agent == null ? null : sandbox.agentPath(agent));
        boolean terminal = TerminalSessions.requested(channel);
        List<String> argv = sandbox.wrap(session, home, agent, command, terminal);
        if (terminal) {
            return TerminalProcess.start(argv, variables, home.dir(), size(client, Environment.ENV_COLUMNS),
                    size(client, Environment.ENV_LINES));
        }
        return PipedProcess.start(argv, variables, home.dir());
    }

    /** The warning an unsandboxed session shows its user, or {@code null} in a sandbox. */
    String sandboxWarning(RuntimeSession session) {
        if (sandbox.isAvailable()) {
            return null;
        }
        log.warn("session of {} on {} runs WITHOUT a sandbox", session.endUser(), session.username());
        return "WARNING: this session is not sandboxed (webpaas.runtime.insecure-no-sandbox)\r\n";
    }

    static int size(Environment client, String variable) {
        try {
            return Integer.parseInt(client.getEnv().getOrDefault(variable, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
