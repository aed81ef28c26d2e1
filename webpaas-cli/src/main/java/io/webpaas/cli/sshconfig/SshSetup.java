package io.webpaas.cli.sshconfig;

import io.webpaas.cli.Cli;
import io.webpaas.cli.api.ApiClient;

/**
 * Writes the session's ssh configuration and, with consent ({@code --yes} or a yes at the
 * prompt), includes it from {@code ~/.ssh/config}; without consent it says which line to add.
 */
public final class SshSetup {
    private final Cli cli;

    public SshSetup(Cli cli) {
        this.cli = cli;
    }

    public void write(boolean yes) {
        SshConfiguration configuration = cli.sshConfiguration();
        GatewayAddress gateway = configuration.writeSessionFiles(new ApiClient(cli.tokens().session().apiUrl()));
        if (!configuration.includedInUserConfig()) {
            if (yes || cli.confirm("Include the WebPaaS ssh configuration in " + configuration.userConfigFile()
                    + " (so plain ssh, scp and git use your certificate)?", true)) {
                configuration.includeInUserConfig();
                cli.err().println("The ssh configuration is included in " + configuration.userConfigFile() + ".");
            } else {
                cli.err().println("To let plain ssh use your certificate, add this line at the top of "
                        + configuration.userConfigFile() + ":");
                cli.err().println("  Include " + configuration.includeFile());
                cli.err().println("(or run: webpaas ssh-cert:load --yes)");
            }
        }
        cli.err().println("The gateway is " + gateway.host() + ", port " + gateway.port()
                + ": ssh <project>@" + gateway.host() + " reaches a project's default app.");
    }
}
