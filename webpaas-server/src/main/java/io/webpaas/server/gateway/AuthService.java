package io.webpaas.server.gateway;

import io.webpaas.server.config.WebpaasProperties;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
    private volatile int ownPort = -1;

    AuthService(WebpaasProperties webpaas) {
        this.webpaas = webpaas;
    }

    /** Before the other listeners, which may call the auth service at once. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void webServerStarted(WebServerInitializedEvent event) {
        ownPort = event.getWebServer().getPort();
    }

    /** {@code path} (e.g. {@code /ssh/authority}) on the auth service. */
    URI resolve(String path) {
        boolean own = webpaas.runs("auth") && ownPort > 0;
        return URI.create((own ? "http://127.0.0.1:" + ownPort : webpaas.publicUrl()) + path);
    }
}
