package io.webpaas.cli.auth;

import io.webpaas.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "auth:token", mixinStandardHelpOptions = true,
        description = "Print the session's access token (refreshed first when it is about to expire).")
public final class AuthTokenCommand implements Runnable {
    private final Cli cli;

    @Option(names = {"-H", "--header"}, description = "Print it as an HTTP header: Authorization: Bearer <token>.")
    boolean header;

    @Option(names = {"-W", "--no-warn"}, description = "Do not print the warning about keeping the token secret.")
    boolean noWarning;

    public AuthTokenCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        Session session = cli.tokens().session();
        if (!noWarning) {
            cli.err().println("Warning: this token acts as you until it expires; do not share it or store it.");
        }
        cli.out().println(header ? "Authorization: Bearer " + session.accessToken() : session.accessToken());
    }
}
