package io.webpaas.cli.auth;

import io.webpaas.cli.Cli;
import io.webpaas.cli.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in to WebPaaS in the browser (authorization code + PKCE).",
                "--device shows a code to approve from any other device instead (remote machines, containers).",
                "Then makes the session's SSH key pair and certificate and writes the ssh configuration."})
public final class LoginCommand implements Runnable {
    private final Cli cli;

    @Option(names = "--device", description = "Log in with a code approved on another device.")
    boolean device;

    @Option(names = "--no-browser", description = "Print the login URL instead of opening a browser.")
    boolean noBrowser;

    @Option(names = {"-y", "--yes"}, description = "Include the ssh configuration in ~/.ssh/config without asking.")
    boolean yes;

    public LoginCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        String apiUrl = cli.apiUrl();
        OAuthClient oauth = new OAuthClient(new ApiClient(apiUrl));
        TokenResponse tokens = device ? new DeviceLogin(oauth, cli.err()).run()
                : new BrowserLogin(oauth, cli.err(), !noBrowser).run();
        new Logins(cli).complete(apiUrl, tokens, yes);
    }
}
