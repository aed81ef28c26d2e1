package io.webpaas.cli.auth;

import io.webpaas.cli.Cli;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Revoke the session's tokens and remove its key pair, certificate and ssh configuration.")
public final class LogoutCommand implements Runnable {
    private final Cli cli;

    public LogoutCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        SessionStore store = cli.sessions();
        Optional<Session> session = store.load();
        session.ifPresent(current -> Logins.revoke(current, cli));
        cli.sshConfiguration().remove();
        store.delete();
        cli.err().println(session.isPresent() ? "You are logged out." : "You were not logged in; nothing is left behind.");
    }
}
