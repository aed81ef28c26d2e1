package io.webpaas.server.config;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A server without the auth role runs no web server: every HTTP endpoint (the API, the OAuth2
 * endpoints, the Certifier, {@code /internal/}) belongs to the auth service, and a gateway or
 * runtime that served them would answer from the shared database beside the auth service it
 * is meant to depend on. An explicit {@code spring.main.web-application-type} still wins.
 */
public class WebServerForAuthOnly implements EnvironmentPostProcessor, Ordered {
    private static final Set<String> ALL_ROLES = Set.of("auth", "gateway", "runtime");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Set<String> roles = Binder.get(environment).bind("webpaas.roles", Bindable.setOf(String.class)).orElse(ALL_ROLES);
        if (!roles.contains("auth")) {
            environment.getPropertySources().addLast(new MapPropertySource("webpaas-roles",
                    Map.of("spring.main.web-application-type", "none")));
        }
    }

    /** After the configuration files, which may set the roles. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
