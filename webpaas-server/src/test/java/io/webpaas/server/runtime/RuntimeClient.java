package io.webpaas.server.runtime;

import io.webpaas.server.support.OpenSsh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real OpenSSH tools pointed at the runtime: one key, its certificate, and the options
 * every tool ({@code ssh}, {@code scp}, {@code sftp}, git's and rsync's ssh) needs, so each test names
 * only what it does.
 */
record RuntimeClient(int port, Path key, Path certificate, String username) {

    /** Options shared by ssh, scp and sftp (all take {@code -o}). */
    List<String> options() {
        return List.of("-i", key.toString(), "-o", "CertificateFile=" + certificate, "-o", "Port=" + port,
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=20");
    }

    String host() {
        return username + "@127.0.0.1";
    }

    /** {@code ssh <options> <extra...> user@host <remote command>}. */
    OpenSsh.Result ssh(List<String> extra, String remoteCommand) {
        List<String> command = new ArrayList<>(List.of("ssh"));
        command.addAll(options());
        command.addAll(extra);
        command.add(host());
        command.add(remoteCommand);
        return OpenSsh.exec(command);
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

    /** {@code <tool> <options> <arguments...>} for scp and sftp. */
    OpenSsh.Result tool(String tool, String... arguments) {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(options());
        command.addAll(List.of(arguments));
        return OpenSsh.exec(command);
    }

    /** The ssh command line for tools that take one: git's {@code GIT_SSH_COMMAND}, {@code rsync -e}. */
    String sshCommand() {
        return "ssh " + String.join(" ", options());
    }
}
