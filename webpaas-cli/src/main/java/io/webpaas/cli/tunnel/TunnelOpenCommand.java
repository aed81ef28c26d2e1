package io.webpaas.cli.tunnel;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.directory.TargetOptions;
import io.webpaas.cli.directory.Targets;
import io.webpaas.cli.directory.Targets.Target;
import io.webpaas.cli.ssh.OpenSsh;
import io.webpaas.cli.ssh.SshAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tunnel:open", mixinStandardHelpOptions = true,
        description = {"Open SSH tunnels to every relationship (database, cache, …) of an app, in the background.",
                "Local ports are taken from 30000 upward."})
public final class TunnelOpenCommand implements Runnable {
    private final Cli cli;
    @Mixin
    TargetOptions.ProjectOption project;
    @Mixin
    TargetOptions.EnvironmentOption environment;
    @Mixin
    TargetOptions.AppOption app;

    public TunnelOpenCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        Target target = new Targets(cli).target(project.value(), environment.value(), app.value());
        new SshAccess(cli).check(target);
        OpenSsh ssh = OpenSsh.ready(cli);
        Map<String, List<Map<String, Object>>> relationships = Relationships.of(ssh, target.app());
        if (relationships.isEmpty()) {
            throw new CliException("The app " + target.app().sshUsername() + " has no relationships to open tunnels to.");
        }
        TunnelStore store = new TunnelStore(cli.home());
        store.locked(() -> {
            List<Tunnel> open = new ArrayList<>(store.open());
            relationships.forEach((name, endpoints) -> endpoints.forEach(endpoint -> {
                Tunnel wanted = new Tunnel(target.project().id(), target.environment().machineName(),
                        target.app().name(), name, 0, endpoint);
                open.stream().filter(tunnel -> tunnel.isOf(wanted.project(), wanted.environment(), wanted.app())
                                && tunnel.relationship().equals(name) && tunnel.remoteHost().equals(wanted.remoteHost())
                                && tunnel.remotePort() == wanted.remotePort())
                        .findFirst()
                        .ifPresentOrElse(
                                tunnel -> cli.err().println("A tunnel is already open to " + name + " at: " + tunnel.url()),
                                () -> open.add(open(store, ssh, target, wanted, open)));
            }));
            return null;
        });
        cli.err().println();
        cli.err().println("Logs are written to: " + shortened(store.log()));
        cli.err().println();
        cli.err().println("List tunnels with: webpaas tunnels");
        cli.err().println("View tunnel details with: webpaas tunnel:info");
        cli.err().println("Close tunnels with: webpaas tunnel:close");
        cli.err().println();
        cli.err().println("Save encoded tunnel details to the PLATFORM_RELATIONSHIPS variable using:");
        cli.err().println("  export PLATFORM_RELATIONSHIPS=\"$(webpaas tunnel:info --encode)\"");
    }

    private Tunnel open(TunnelStore store, OpenSsh ssh, Target target, Tunnel wanted, List<Tunnel> open) {
        int port = LocalPorts.firstFree(LocalPorts.FIRST, open.stream().map(Tunnel::localPort).toList());
        Tunnel tunnel = new Tunnel(wanted.project(), wanted.environment(), wanted.app(), wanted.relationship(), port,
                wanted.service());
        store.add(tunnel, SshForward.startInBackground(ssh, target.app(), tunnel, store.log()));
        cli.err().println("SSH tunnel opened to " + tunnel.relationship() + " at: " + tunnel.url());
        return tunnel;
    }

    private String shortened(Path file) {
        Path home = cli.home().userHome();
        return file.startsWith(home) ? "~/" + home.relativize(file) : file.toString();
    }
}
