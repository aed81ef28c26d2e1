package io.webpaas.cli.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.webpaas.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The loopback redirect of the browser login (RFC 8252 §7.3): an HTTP server on 127.0.0.1
 * and a free port, waiting for the one request to {@code /callback} that carries the code.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final String PAGE = """
            <!doctype html><html><head><meta charset="utf-8"><title>WebPaaS CLI</title></head>
            <body style="font-family: sans-serif; margin: 3em"><h1>%s</h1><p>%s</p></body></html>
            """;

    private final HttpServer server;
    private final String state;
    private final CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();

    private LoopbackReceiver(HttpServer server, String state) {
        this.server = server;
        this.state = state;
    }

    /** @param state the login's {@code state}: a callback without it is not this login's answer */
    static LoopbackReceiver start(String state) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackReceiver receiver = new LoopbackReceiver(server, state);
            server.createContext("/callback", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback interface for the login", e);
        }
    }

    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** The callback's query parameters ({@code code} and {@code state}, or {@code error}). */
    Map<String, String> await(Duration timeout) {
        try {
            return callback.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CliException("The login did not complete within " + timeout.toMinutes() + " minutes.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        boolean ok = query.containsKey("code") && state.equals(query.get("state"));
        byte[] page = (ok ? PAGE.formatted("You are logged in", "You can close this window and go back to the terminal.")
                : PAGE.formatted("The login did not complete", "The terminal says why.")).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(ok ? 200 : 400, page.length);
        try (var body = exchange.getResponseBody()) {
            body.write(page);
        }
        callback.complete(query);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
