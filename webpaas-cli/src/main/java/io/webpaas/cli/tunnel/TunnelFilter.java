package io.webpaas.cli.tunnel;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code -p}, {@code -e}, {@code -A} as filters over the open tunnels (no API call). */
final class TunnelFilter {
    @Option(names = {"-p", "--project"}, paramLabel = "ID", description = "Only the tunnels of this project.")
    String project;

    @Option(names = {"-e", "--environment"}, paramLabel = "NAME", description = "Only the tunnels of this environment.")
    String environment;

    @Option(names = {"-A", "--app"}, paramLabel = "NAME", description = "Only the tunnels of this app.")
    String app;

    List<Tunnel> apply(List<Tunnel> tunnels) {
        return tunnels.stream()
                .filter(tunnel -> project == null || tunnel.project().equals(project))
                .filter(tunnel -> environment == null || tunnel.environment().equals(environment))
                .filter(tunnel -> app == null || tunnel.app().equals(app))
                .toList();
    }
}
