package io.webpaas.cli;

import io.webpaas.cli.auth.ApiTokenLoginCommand;
import io.webpaas.cli.auth.AuthInfoCommand;
import io.webpaas.cli.auth.AuthTokenCommand;
import io.webpaas.cli.auth.LoginCommand;
import io.webpaas.cli.auth.LogoutCommand;
import io.webpaas.cli.certificate.SshCertInfoCommand;
import io.webpaas.cli.certificate.SshCertLoadCommand;
import io.webpaas.cli.completion.CompletionCommand;
import io.webpaas.cli.directory.AppListCommand;
import io.webpaas.cli.directory.EnvironmentListCommand;
import io.webpaas.cli.directory.ProjectListCommand;
import io.webpaas.cli.keys.SshKeyAddCommand;
import io.webpaas.cli.keys.SshKeyDeleteCommand;
import io.webpaas.cli.keys.SshKeyListCommand;
import io.webpaas.cli.ssh.SshCommand;
import io.webpaas.cli.tunnel.TunnelCloseCommand;
import io.webpaas.cli.tunnel.TunnelInfoCommand;
import io.webpaas.cli.tunnel.TunnelListCommand;
import io.webpaas.cli.tunnel.TunnelOpenCommand;
import io.webpaas.cli.tunnel.TunnelSingleCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code webpaas}: the root command. Subcommands are registered in {@link #subcommands}. */
@Command(name = "webpaas", mixinStandardHelpOptions = true, version = "webpaas CLI 0.1.0",
        description = "Log in to WebPaaS once; then plain ssh, scp and git reach your apps.",
        synopsisSubcommandLabel = "COMMAND")
public final class WebpaasCommand implements Runnable {
    private final Cli cli;
    @Spec
    CommandSpec spec;

    public WebpaasCommand(Cli cli) {
        this.cli = cli;
    }

    /** Every subcommand, in the order {@code webpaas --help} lists them. Add new commands here. */
    static List<Object> subcommands(Cli cli) {
        return List.of(
                new LoginCommand(cli),
                new LogoutCommand(cli),
                new AuthInfoCommand(cli),
                new AuthTokenCommand(cli),
                new ApiTokenLoginCommand(cli),
                new SshCertLoadCommand(cli),
                new SshCertInfoCommand(cli),
                new SshCommand(cli),
                new TunnelOpenCommand(cli),
                new TunnelSingleCommand(cli),
                new TunnelListCommand(cli),
                new TunnelInfoCommand(cli),
                new TunnelCloseCommand(cli),
                new ProjectListCommand(cli),
                new EnvironmentListCommand(cli),
                new AppListCommand(cli),
                new SshKeyAddCommand(cli),
                new SshKeyListCommand(cli),
                new SshKeyDeleteCommand(cli),
                new CompletionCommand(cli));
    }

    void register(CommandLine commandLine) {
        subcommands(cli).forEach(commandLine::addSubcommand);
    }

    @Option(names = "--api-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The WebPaaS API to log in to (default: WEBPAAS_API_URL, api-url in ~/.webpaas/config, "
                    + Cli.DEFAULT_API_URL + ").")
    void apiUrl(String url) {
        cli.apiUrlOption(url);
    }

    @Override
    public void run() {
        spec.commandLine().usage(cli.err());
    }
}
