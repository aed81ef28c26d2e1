package io.webpaas.cli.directory;

import io.webpaas.cli.Cli;
import io.webpaas.cli.output.ListFormat;
import io.webpaas.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "app:list", aliases = "apps", mixinStandardHelpOptions = true,
        description = "List the apps of an environment and the ssh destination of each.")
public final class AppListCommand implements Runnable {
    private final Cli cli;
    @Mixin
    TargetOptions.ProjectOption project;
    @Mixin
    TargetOptions.EnvironmentOption environment;
    @Mixin
    ListFormat format;

    public AppListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        Targets targets = new Targets(cli);
        Project foundProject = targets.project(project.value());
        Environment foundEnvironment = targets.environment(foundProject, environment.value());
        format.print(cli.out(), targets.directory().apps(foundProject.id(), foundEnvironment.machineName()),
                Table.<App>empty("Environment " + foundEnvironment.machineName() + " has no apps.")
                        .column("Name", App::name)
                        .column("Default", app -> app.isDefault() ? "yes" : "")
                        .column("SSH", App::sshDestination)
                        .column("Port", App::sshPort)
                        .column("Relationships", app -> String.join(", ", app.relationships())));
    }
}
