package io.webpaas.cli.tunnel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SSH tunnel from a local port to one endpoint of an app's relationship.
 *
 * @param service the endpoint as the app sees it in {@code PLATFORM_RELATIONSHIPS} (host, port,
 *                credentials, …)
 */
public record Tunnel(String project, String environment, String app, String relationship, int localPort,
                     Map<String, Object> service) {

    public String remoteHost() {
        return String.valueOf(service.get("host"));
    }

    public int remotePort() {
        return ((Number) service.get("port")).intValue();
    }

    /** What {@code ssh -L} is given: only this machine can use the tunnel. */
    public String forwardSpec() {
        return "127.0.0.1:" + localPort + ":" + remoteHost() + ":" + remotePort();
    }

    public String url() {
        return service.getOrDefault("scheme", "tcp") + "://127.0.0.1:" + localPort;
    }

    /** The endpoint as seen through the tunnel: the same, at 127.0.0.1 and the local port. */
    public Map<String, Object> localService() {
        Map<String, Object> local = new LinkedHashMap<>(service);
        local.put("host", "127.0.0.1");
        local.put("port", localPort);
        return local;
    }

    public boolean isOf(String project, String environment, String app) {
        return this.project.equals(project) && this.environment.equals(environment) && this.app.equals(app);
    }

    /** {@code <project>-<environment>--<app>}, the app's SSH username. */
    public String appName() {
        return project + "-" + environment + "--" + app;
    }
}
