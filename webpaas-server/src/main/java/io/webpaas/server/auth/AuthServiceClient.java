package io.webpaas.server.auth;

import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * How gateways and runtimes call the auth service over HTTP: at this JVM's own port when it runs
 * the auth role, so all-in-one takes the same path as a split deployment, else at
 * {@code webpaas.public-url}. Calls to its internal API carry the {@code webpaas-internal}
 * client's credentials.
 */
@Component
public class AuthServiceClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final WebpaasProperties webpaas;
    private final InternalClient client;
    private volatile int ownPort = -1;

    AuthServiceClient(WebpaasProperties webpaas, InternalClient client) {
        this.webpaas = webpaas;
        this.client = client;
    }

    /** Before the other listeners, which may call the auth service at once. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void webServerStarted(WebServerInitializedEvent event) {
        ownPort = event.getWebServer().getPort();
    }

    /** {@code path} (e.g. {@code /ssh/authority}) on the auth service. */
    public URI resolve(String path) {
        boolean own = webpaas.runs("auth") && ownPort > 0;
        return URI.create((own ? "http://127.0.0.1:" + ownPort : webpaas.publicUrl()) + path);
    }

    /** Sends {@code request} to the internal API as the {@code webpaas-internal} client, waiting at most 5 s. */
    public HttpResponse<String> sendInternal(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).header("Authorization", client.basicAuthorization())
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the auth service", e);
        }
    }
}
