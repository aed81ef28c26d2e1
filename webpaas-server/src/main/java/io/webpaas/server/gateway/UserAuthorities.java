package io.webpaas.server.gateway;

import io.webpaas.server.auth.AuthServiceClient;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshPublicKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user CA keys the gateway trusts, fetched over HTTP from {@code GET /ssh/authority} (also
 * in all-in-one, so a split deployment behaves the same) and fetched again every minute. When a
 * fetch fails the last good set stays in force, so certificate users keep working while the
 * auth service is down.
 */
@Component
@Conditional(OnGatewayRole.class)
class UserAuthorities {
    private static final Logger log = LoggerFactory.getLogger(UserAuthorities.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final JsonMapper json;
    private final AuthServiceClient authService;
    /** A configured URL, or {@code null} for the auth service that {@link AuthServiceClient} finds. */
    private volatile URI source;
    private volatile List<PublicKey> trusted = List.of();

    UserAuthorities(JsonMapper json, GatewayProperties gateway, AuthServiceClient authService, TaskScheduler scheduler) {
        this.json = json;
        this.authService = authService;
        this.source = gateway.authorityUrl().isBlank() ? null : URI.create(gateway.authorityUrl());
        scheduler.scheduleWithFixedDelay(this::refresh, gateway.authorityRefresh());
    }

    /** Fetched again once this JVM's own auth service listens, which all-in-one fetches from. */
    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        refresh();
    }

    List<PublicKey> trusted() {
        return trusted;
    }

    /** @return whether the fetch succeeded (otherwise the previous set is kept) */
    boolean refresh() {
        URI from = source == null ? authService.resolve("/ssh/authority") : source;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(from).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("answered HTTP " + response.statusCode());
            }
            List<PublicKey> keys = parse(json.readValue(response.body(), PublishedAuthorities.class));
            if (keys.isEmpty()) {
                throw new IOException("published no key");
            }
            trusted = keys;
            return true;
        } catch (IOException | RuntimeException | InvalidPublicKeyException e) {
            log.warn("cannot refresh the user CA keys from {}; keeping the {} known: {}", from, trusted.size(),
                    e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<PublicKey> parse(PublishedAuthorities published) throws InvalidPublicKeyException {
        List<PublicKey> keys = new ArrayList<>();
        for (String line : published.authorities() == null ? List.<String>of() : published.authorities()) {
            keys.add(SshPublicKey.parse(line).publicKey());
        }
        return List.copyOf(keys);
    }

    /** The body of {@code GET /ssh/authority}. */
    record PublishedAuthorities(List<String> authorities) {
    }
}
