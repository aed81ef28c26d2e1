package io.webpaas.server.support;

import io.webpaas.server.WebpaasServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Servers of their own in a test, as split deployments run them (roles, database, URLs from the arguments). */
public final class Servers {
    private Servers() {
    }

    /** A server with its web port free; arguments win over the tests' system properties. */
    public static ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(WebpaasServer.class).run(all.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext server) {
        return Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
