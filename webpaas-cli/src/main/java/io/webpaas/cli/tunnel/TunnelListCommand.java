package io.webpaas.cli.tunnel;

import io.webpaas.cli.Cli;
import io.webpaas.cli.output.ListFormat;
import io.webpaas.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tunnel:list", aliases = "tunnels", mixinStandardHelpOptions = true,
        description = "List the open SSH tunnels (those whose ssh has gone are forgotten).")
public final class TunnelListCommand implements Runnable {
    private final Cli cli;
    @Mixin
    TunnelFilter filter;
    @Mixin
    ListFormat format;

    public TunnelListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        TunnelStore store = new TunnelStore(cli.home());
        format.print(cli.out(), filter.apply(store.locked(store::open)).stream().map(TunnelView::of).toList(),
                Table.<TunnelView>empty("No tunnels are open.")
                        .column("Port", TunnelView::localPort)
                        .column("Project", TunnelView::project)
                        .column("Environment", TunnelView::environment)
                        .column("App", TunnelView::app)
                        .column("Relationship", TunnelView::relationship)
                        .column("URL", TunnelView::url));
    }

    /** A tunnel without the service's credentials ({@code tunnel:info} shows those). */
    record TunnelView(int localPort, String project, String environment, String app, String relationship, String url) {
        static TunnelView of(Tunnel tunnel) {
            return new TunnelView(tunnel.localPort(), tunnel.project(), tunnel.environment(), tunnel.app(),
                    tunnel.relationship(), tunnel.url());
        }
    }
}
