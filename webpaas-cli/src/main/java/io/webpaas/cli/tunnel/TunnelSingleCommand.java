package io.webpaas.cli.tunnel;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.directory.Chooser;
import io.webpaas.cli.directory.TargetOptions;
import io.webpaas.cli.directory.Targets;
import io.webpaas.cli.directory.Targets.Target;
import io.webpaas.cli.ssh.OpenSsh;
import io.webpaas.cli.ssh.SshAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tunnel:single", mixinStandardHelpOptions = true,
        description = {"Open one SSH tunnel to a relationship of an app, in the foreground; Ctrl-C closes it."})
public final class TunnelSingleCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin
    TargetOptions.ProjectOption project;
    @Mixin
    TargetOptions.EnvironmentOption environment;
    @Mixin
    TargetOptions.AppOption app;

    @Option(names = {"-r", "--relationship"}, paramLabel = "NAME",
            description = "The relationship (chosen from a list when the app has several and this is omitted).")
    String relationship;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The local port (default: the first free one from " + LocalPorts.FIRST + ").")
    Integer port;

    public TunnelSingleCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        Target target = new Targets(cli).target(project.value(), environment.value(), app.value());
        new SshAccess(cli).check(target);
        OpenSsh ssh = OpenSsh.ready(cli);
        Map<String, List<Map<String, Object>>> relationships = Relationships.of(ssh, target.app());
        if (relationships.isEmpty()) {
            throw new CliException("The app " + target.app().sshUsername() + " has no relationships to open a tunnel to.");
        }
        String name = relationship != null ? relationship : new Chooser(cli).choose("relationship",
                "--relationship (-r)", List.copyOf(relationships.keySet()), String::valueOf, null);
        if (!relationships.containsKey(name)) {
            throw new CliException("The app " + target.app().sshUsername() + " has no relationship " + name
                    + "; it has: " + String.join(", ", relationships.keySet()));
        }
        if (port != null && !LocalPorts.isFree(port)) {
            throw new CliException("Local port " + port + " is in use; choose another with --port.");
        }
        int localPort = port != null ? port : LocalPorts.firstFree(LocalPorts.FIRST, List.of());
        Tunnel tunnel = new Tunnel(target.project().id(), target.environment().machineName(), target.app().name(), name,
                localPort, relationships.get(name).getFirst());
        Process process = SshForward.startInForeground(ssh, target.app(), tunnel);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SshForward.stop(process.toHandle())));
        cli.err().println("SSH tunnel opened to " + name + " at: " + tunnel.url());
        cli.err().println("Press Ctrl-C to close it.");
        return process.waitFor();
    }
}
