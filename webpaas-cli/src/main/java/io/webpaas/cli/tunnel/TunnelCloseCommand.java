package io.webpaas.cli.tunnel;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tunnel:close", mixinStandardHelpOptions = true,
        description = "Close an open SSH tunnel (by its local PORT, or the only one), those of an app, or --all.")
public final class TunnelCloseCommand implements Runnable {
    private final Cli cli;
    @Mixin
    TunnelFilter filter;

    @Parameters(arity = "0..1", paramLabel = "PORT", description = "The tunnel's local port.")
    Integer port;

    @Option(names = "--all", description = "Close every open tunnel (of the app, with -p/-e/-A).")
    boolean all;

    public TunnelCloseCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        TunnelStore store = new TunnelStore(cli.home());
        store.locked(() -> {
            List<Tunnel> open = filter.apply(store.open());
            List<Tunnel> closing = port != null
                    ? open.stream().filter(tunnel -> tunnel.localPort() == port).toList() : open;
            if (closing.isEmpty() && all) {
                cli.err().println("No tunnels are open.");
                return null;
            }
            if (closing.isEmpty()) {
                throw new CliException(port != null ? "No tunnel is open at local port " + port + "."
                        : "No tunnels are open.");
            }
            if (closing.size() > 1 && !all) {
                throw new CliException("Several tunnels are open: give the PORT of one, or --all. "
                        + closing.stream().map(tunnel -> tunnel.localPort() + " (" + tunnel.relationship() + " of "
                        + tunnel.appName() + ")").collect(Collectors.joining(", ")));
            }
            for (Tunnel tunnel : closing) {
                store.process(tunnel).ifPresent(SshForward::stop);
                store.remove(tunnel);
                cli.err().println("Closed the SSH tunnel to " + tunnel.relationship() + " of " + tunnel.appName()
                        + " at " + tunnel.url() + ".");
            }
            return null;
        });
    }
}
