package io.webpaas.cli.api;

import io.webpaas.cli.CliException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/**
 * The WebPaaS HTTP API over {@code java.net.http}: JSON in and out (records, snake_case),
 * forms for the OAuth2 endpoints, and every failure turned into a {@link CliException} whose
 * message says what happened and what to do. {@link #withBearer} gives a client that sends
 * an access token with each request.
 */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;
    private final Supplier<String> bearer;

    public ApiClient(String baseUrl) {
        this(baseUrl, null);
    }

    private ApiClient(String baseUrl, Supplier<String> bearer) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.bearer = bearer;
    }

    /** The same server, with {@code Authorization: Bearer <token>} on every request. */
    public ApiClient withBearer(Supplier<String> accessToken) {
        return new ApiClient(baseUrl, accessToken);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Whether two API URLs name the same server (trailing slashes aside). */
    public static boolean sameServer(String url, String other) {
        return url.replaceAll("/+$", "").equals(other.replaceAll("/+$", ""));
    }

    public <T> T get(String path, Class<T> type) {
        return send(request(path).GET(), type);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))), type);
    }

    public <T> T postForm(String path, Map<String, String> form, Class<T> type) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))), type);
    }

    public void delete(String path) {
        send(request(path).DELETE(), Void.class);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "webpaas-cli");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer.get());
        }
        return request;
    }

    private <T> T send(HttpRequest.Builder builder, Class<T> type) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("Cannot connect to the WebPaaS API at " + baseUrl
                    + ". Is the server running? Choose another with --api-url or WEBPAAS_API_URL.", e);
        } catch (HttpTimeoutException e) {
            throw new CliException("The WebPaaS API at " + baseUrl + " did not answer in time.", e);
        } catch (IOException e) {
            throw new CliException("Cannot reach the WebPaaS API at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted", e);
        }
        if (response.statusCode() >= 300) {
            throw failure(request, response);
        }
        if (type == Void.class || response.body().isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new CliException("Unexpected answer from " + request.uri() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ApiException failure(HttpRequest request, HttpResponse<String> response) {
        ApiError error = null;
        try {
            error = Json.MAPPER.readValue(response.body(), ApiError.class);
        } catch (JacksonException notJson) {
            // an answer from something else than the API (a proxy's page): the status says enough
        }
        return error == null || (error.error() == null && error.errorDescription() == null)
                ? new ApiException(response.statusCode(), null, request.method() + " " + request.uri().getPath()
                        + " answered HTTP " + response.statusCode())
                : new ApiException(response.statusCode(), error.error(), error.errorDescription());
    }
}
