package io.webpaas.server.runtime;

import io.webpaas.server.support.OpenSsh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code ssh} pointed at the runtime, as the gateway logs in: one key and its internal
 * certificate, so each test names only what it does. (Users' tools reach the runtime through the
 * gateway: GatewayToRuntimeTest.)
 */
record RuntimeClient(int port, Path key, Path certificate, String username) {

    private List<String> options() {
        return List.of("-i", key.toString(), "-o", "CertificateFile=" + certificate, "-o", "Port=" + port,
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=20");
    }

    private String host() {
        return username + "@127.0.0.1";
    }

    /** {@code ssh <options> <extra...> user@host <remote command>}. */
    OpenSsh.Result ssh(List<String> extra, String remoteCommand) {
        List<String> command = command(extra);
        command.add(remoteCommand);
        return OpenSsh.exec(command);
    }

    /** {@code ssh -W target}: a {@code direct-tcpip} channel to {@code target}, given no input. */
    OpenSsh.Result forward(String target) {
        return OpenSsh.exec(command(List.of("-W", target)));
    }

    private List<String> command(List<String> extra) {
        List<String> command = new ArrayList<>(List.of("ssh"));
        command.addAll(options());
        command.addAll(extra);
        command.add(host());
        return command;
    }

    /**
     * {@code ssh -A} forwarding the agent at {@code agentSocket}; it must be the {@code IdentityAgent}
     * too ({@link #options()}' {@code none} would make ssh forget it; the first {@code -o} wins).
     */
    OpenSsh.Result sshWithAgent(Path agentSocket, String remoteCommand) {
        List<String> command = new ArrayList<>(List.of("ssh", "-A", "-o", "IdentityAgent=" + agentSocket));
        command.addAll(options());
        command.add(host());
        command.add(remoteCommand);
        return OpenSsh.exec(command);
    }

    OpenSsh.Result ssh(String remoteCommand) {
        return ssh(List.of(), remoteCommand);
    }
}
