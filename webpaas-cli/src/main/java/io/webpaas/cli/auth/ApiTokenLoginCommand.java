package io.webpaas.cli.auth;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.api.ApiException;
import java.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "auth:api-token-login", mixinStandardHelpOptions = true,
        description = {"Log in with an API token (for scripts and CI).",
                "The token comes from WEBPAAS_CLI_TOKEN, or is typed at a hidden prompt."})
public final class ApiTokenLoginCommand implements Runnable {
    static final String TOKEN_VARIABLE = "WEBPAAS_CLI_TOKEN";

    private final Cli cli;

    @Option(names = {"-y", "--yes"}, description = "Include the ssh configuration in ~/.ssh/config without asking.")
    boolean yes;

    public ApiTokenLoginCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        String apiToken = cli.env(TOKEN_VARIABLE).orElseGet(this::prompt).strip();
        String apiUrl = cli.apiUrl();
        TokenResponse tokens;
        try {
            tokens = new OAuthClient(new ApiClient(apiUrl)).exchangeApiToken(apiToken);
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 401) {
                throw new CliException("The API token was not accepted: it is unknown, expired or revoked.");
            }
            throw e;
        }
        new Logins(cli).complete(apiUrl, tokens, yes);
    }

    private String prompt() {
        Console console = System.console();
        if (console == null) {
            throw new CliException("No terminal to type the API token in: set " + TOKEN_VARIABLE + " instead.");
        }
        char[] typed = console.readPassword("API token: ");
        if (typed == null || typed.length == 0) {
            throw new CliException("No API token was given.");
        }
        return new String(typed);
    }
}
