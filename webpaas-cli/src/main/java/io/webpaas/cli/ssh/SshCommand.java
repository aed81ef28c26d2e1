package io.webpaas.cli.ssh;

import io.webpaas.cli.Cli;
import io.webpaas.cli.directory.App;
import io.webpaas.cli.directory.Environment;
import io.webpaas.cli.directory.Project;
import io.webpaas.cli.directory.TargetOptions;
import io.webpaas.cli.directory.Targets;
import io.webpaas.cli.directory.Targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ssh", mixinStandardHelpOptions = true,
        description = {"Open a shell in an app, or run COMMAND there, with the system ssh and your certificate.",
                "Missing options are asked for at a terminal. Exits with ssh's status."})
public final class SshCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin
    TargetOptions.ProjectOption project;
    @Mixin
    TargetOptions.EnvironmentOption environment;
    @Mixin
    TargetOptions.AppOption app;

    @Option(names = "--pipe", description = "Only print the user@host to give ssh, e.g. ssh $(webpaas ssh --pipe -p ID).")
    boolean pipe;

    @Option(names = "--all", description = "Print the SSH URL of every app of the environment (user@host with --pipe).")
    boolean all;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "A command to run in the app instead of a shell (everything after the options).")
    List<String> remoteCommand = new ArrayList<>();

    public SshCommand(Cli cli) {
        this.cli = cli;
    }

    /** The remote command's own options ({@code ls -la}) are not this command's: parsing stops at COMMAND. */
    @Spec
    void stopAtCommand(CommandSpec spec) {
        spec.parser().stopAtPositional(true);
    }

    @Override
    public Integer call() {
        Targets targets = new Targets(cli);
        if (all) {
            Project found = targets.project(project.value());
            Environment foundEnvironment = targets.environment(found, environment.value());
            for (App each : targets.directory().apps(found.id(), foundEnvironment.machineName())) {
                cli.out().println(pipe ? each.sshDestination() : each.sshUrl());
            }
            return 0;
        }
        Target target = targets.target(project.value(), environment.value(), app.value());
        if (pipe) {
            cli.out().println(target.app().sshDestination());
            return 0;
        }
        SshAccess access = new SshAccess(cli);
        access.check(target);
        int status = OpenSsh.run(OpenSsh.ready(cli).command(target.app(), List.of(), remoteCommand));
        if (status == 255) {
            access.explainRefusal(target);
        }
        return status;
    }
}
