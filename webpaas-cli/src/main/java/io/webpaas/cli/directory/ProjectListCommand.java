package io.webpaas.cli.directory;

import io.webpaas.cli.Cli;
import io.webpaas.cli.output.ListFormat;
import io.webpaas.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "project:list", aliases = "projects", mixinStandardHelpOptions = true,
        description = "List your projects and your role in each.")
public final class ProjectListCommand implements Runnable {
    private final Cli cli;
    @Mixin
    ListFormat format;

    public ProjectListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        format.print(cli.out(), new Directory(cli.api()).projects(), Table.<Project>empty("You have no projects.")
                .column("ID", Project::id)
                .column("Title", Project::title)
                .column("Region", Project::region)
                .column("Role", Project::role)
                .column("Default environment", Project::defaultEnvironment));
    }
}
