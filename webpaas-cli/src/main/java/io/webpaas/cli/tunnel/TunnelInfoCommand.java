package io.webpaas.cli.tunnel;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tunnel:info", mixinStandardHelpOptions = true,
        description = {"Print an app's relationships as seen through its open tunnels (host 127.0.0.1, the local port),",
                "in the shape of PLATFORM_RELATIONSHIPS."})
public final class TunnelInfoCommand implements Runnable {
    private final Cli cli;
    @Mixin
    TunnelFilter filter;

    @Option(names = "--encode", description = "Print it base64-encoded, as the PLATFORM_RELATIONSHIPS variable holds it.")
    boolean encode;

    public TunnelInfoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        TunnelStore store = new TunnelStore(cli.home());
        List<Tunnel> tunnels = filter.apply(store.locked(store::open));
        if (tunnels.isEmpty()) {
            throw new CliException("No tunnels are open. Open them with: webpaas tunnel:open");
        }
        List<String> apps = tunnels.stream().map(Tunnel::appName).distinct().toList();
        if (apps.size() > 1) {
            throw new CliException("Tunnels are open to several apps (" + String.join(", ", apps)
                    + "); choose one with --project, --environment and --app.");
        }
        Map<String, List<Map<String, Object>>> relationships = new TreeMap<>();
        tunnels.forEach(tunnel -> relationships.computeIfAbsent(tunnel.relationship(), name -> new ArrayList<>())
                .add(tunnel.localService()));
        cli.out().println(encode
                ? Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsString(relationships).getBytes(StandardCharsets.UTF_8))
                : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(relationships));
    }
}
