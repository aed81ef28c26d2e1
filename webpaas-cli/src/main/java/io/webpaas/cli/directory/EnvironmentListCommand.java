package io.webpaas.cli.directory;

import io.webpaas.cli.Cli;
import io.webpaas.cli.output.ListFormat;
import io.webpaas.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "environment:list", aliases = "environments", mixinStandardHelpOptions = true,
        description = "List the environments of a project.")
public final class EnvironmentListCommand implements Runnable {
    private final Cli cli;
    @Mixin
    TargetOptions.ProjectOption project;
    @Mixin
    ListFormat format;

    public EnvironmentListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        Targets targets = new Targets(cli);
        Project found = targets.project(project.value());
        format.print(cli.out(), targets.directory().environments(found.id()),
                Table.<Environment>empty("Project " + found.id() + " has no environments.")
                        .column("Machine name", Environment::machineName)
                        .column("Name", Environment::name)
                        .column("Type", Environment::type)
                        .column("Active", environment -> environment.active() ? "yes" : "no")
                        .column("Default app", Environment::defaultApp));
    }
}
