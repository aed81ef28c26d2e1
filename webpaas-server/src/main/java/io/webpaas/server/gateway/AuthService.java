package io.webpaas.server.gateway;

import io.webpaas.server.config.WebpaasProperties;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Where the gateway reaches the auth service over HTTP when no URL is configured: this JVM's
 * own port when it runs the auth role, so all-in-one takes the same path as a split
 * deployment, else {@code webpaas.public-url}.
 */
@Component
@Conditional(OnGatewayRole.class)
class AuthService {
    private final WebpaasProperties webpaas;
    private final ApplicationContext context;

    AuthService(WebpaasProperties webpaas, ApplicationContext context) {
        this.webpaas = webpaas;
        this.context = context;
    }

    /** {@code path} (e.g. {@code /ssh/authority}) on the auth service. */
    URI resolve(String path) {
        int ownPort = webpaas.runs("auth") ? ownPort() : -1;
        return URI.create((ownPort > 0 ? "http://127.0.0.1:" + ownPort : webpaas.publicUrl()) + path);
    }

    /** This JVM's HTTP port, known once its web server has started; -1 before. */
    private int ownPort() {
        return context instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? web.getWebServer().getPort() : -1;
    }
}
