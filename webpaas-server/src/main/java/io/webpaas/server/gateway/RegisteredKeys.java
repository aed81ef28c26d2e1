package io.webpaas.server.gateway;

import io.webpaas.server.auth.AuthServiceClient;
import io.webpaas.server.keys.RegisteredKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registered keys as the auth service's internal API tells them, with the {@code webpaas-internal}
 * client's credentials, in every role layout (all-in-one calls its own port). A key that is
 * registered somewhere is remembered for {@code webpaas.gateway.key-cache}, so a deleted key
 * stops admitting new logins at most that long after; a key registered nowhere is asked about
 * at every attempt, so a newly added key works at once.
 */
@Component
@Conditional(OnGatewayRole.class)
class RegisteredKeys {
    private static final Logger log = LoggerFactory.getLogger(RegisteredKeys.class);
    /** Bounds the cache: past it, expired entries are dropped, and all of them if that is not enough. */
    private static final int MAX_CACHED = 10_000;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final AuthServiceClient authService;
    private final String configuredUrl;
    private final long cacheNanos;

    private record Cached(List<RegisteredKey> registrations, long expiresAt) {
        boolean fresh(long now) {
            return now - expiresAt < 0;
        }
    }

    /** The body of {@code GET /internal/v1/keys}. */
    private record Registrations(List<RegisteredKey> keys) {
    }

    RegisteredKeys(JsonMapper json, AuthServiceClient authService, GatewayProperties properties) {
        this.json = json;
        this.authService = authService;
        this.configuredUrl = properties.keysUrl();
        this.cacheNanos = properties.keyCache().toNanos();
    }

    /**
     * Every registration of the key with this SHA-256 fingerprint; empty when it is registered nowhere.
     *
     * @throws IOException when the auth service does not answer (a cached answer is never used past its time)
     */
    List<RegisteredKey> find(String fingerprint) throws IOException {
        long now = System.nanoTime();
        Cached cached = cache.get(fingerprint);
        if (cached != null && cached.fresh(now)) {
            return cached.registrations();
        }
        HttpResponse<String> response = authService.sendInternal(HttpRequest.newBuilder(
                URI.create(keysUrl() + "?fingerprint=" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8))).GET());
        if (response.statusCode() != 200) {
            throw new IOException("the auth service answered HTTP " + response.statusCode() + " to the key lookup");
        }
        List<RegisteredKey> found;
        try {
            Registrations registrations = json.readValue(response.body(), Registrations.class);
            found = registrations.keys() == null ? List.of() : List.copyOf(registrations.keys());
        } catch (JacksonException e) {
            throw new IOException("the auth service's key lookup answered unreadable JSON: " + e.getMessage(), e);
        }
        if (found.isEmpty() || cacheNanos <= 0) {
            cache.remove(fingerprint);
        } else {
            remember(fingerprint, new Cached(found, now + cacheNanos), now);
        }
        return found;
    }

    /** Records a login with the key as its "last used"; a failure is logged, the login stands. */
    void recordUse(String keyId) {
        try {
            HttpResponse<String> response = authService.sendInternal(HttpRequest.newBuilder(URI.create(keysUrl() + "/"
                    + URLEncoder.encode(keyId, StandardCharsets.UTF_8) + "/used")).POST(HttpRequest.BodyPublishers.noBody()));
            if (response.statusCode() == 404) {
                log.info("key {} was deleted before its use could be recorded", keyId);
            } else if (response.statusCode() != 204) {
                log.warn("cannot record the use of key {}: the auth service answered HTTP {}", keyId,
                        response.statusCode());
            }
        } catch (IOException e) {
            log.warn("cannot record the use of key {}: {}", keyId, e.getMessage());
        }
    }

    private String keysUrl() {
        return configuredUrl.isBlank() ? authService.resolve("/internal/v1/keys").toString() : configuredUrl;
    }

    private void remember(String fingerprint, Cached entry, long now) {
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(cached -> !cached.fresh(now));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(fingerprint, entry);
    }
}
