package io.webpaas.cli.support;

import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.auth.TokenResponse;
import io.webpaas.cli.home.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real all-in-one server for the CLI's end-to-end tests: the packaged
 * {@code webpaas-server.jar} (built by the reactor before this module's tests) run as a
 * process with a temporary data directory, free ports, the demo data and one-hour
 * certificates shortened to {@link #CERTIFICATE_LIFETIME}. One server serves every test
 * class of the run; it stops, and its data directory is deleted, when the test JVM exits.
 */
public final class TestServer {
    /** Long enough to outlast the CLI's two-minute renewal margin by a few seconds, so tests see renewals. */
    public static final Duration CERTIFICATE_LIFETIME = Duration.ofSeconds(140);
    private static final String READY = "WebPaaS SSH is running";
    private static TestServer instance;

    private final Process process;
    private final Path dataDir;
    private final int httpPort;
    private final int gatewayPort;
    private final int runtimePort;
    private String appUsername;

    private TestServer(Process process, Path dataDir, int httpPort, int gatewayPort, int runtimePort) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.gatewayPort = gatewayPort;
        this.runtimePort = runtimePort;
    }

    public static synchronized TestServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    public int runtimePort() {
        return runtimePort;
    }

    public String demoPassword() {
        return demoCredentials().getProperty("demo");
    }

    /** The demo user {@code viewer}, who has the viewer role on the demo project. */
    public String viewerPassword() {
        return demoCredentials().getProperty("viewer");
    }

    public String demoProject() {
        return demoCredentials().getProperty("project");
    }

    public String demoApiToken() {
        return read(dataDir.resolve("demo-api-token")).strip();
    }

    /**
     * The SSH username of app {@code cli} in the demo project, made on first use on this
     * server's runtime, with a writable mount {@code data}.
     */
    public synchronized String appUsername() {
        if (appUsername == null) {
            ApiClient api = new ApiClient(apiUrl());
            TokenResponse tokens = api.postForm("/oauth2/token", Map.of("grant_type", "api_token",
                    "client_id", "webpaas-cli", "api_token", demoApiToken()), TokenResponse.class);
            AppView app = api.withBearer(tokens::accessToken).post(
                    "/api/v1/projects/" + demoProject() + "/environments/main/apps",
                    new NewApp("cli", List.of("data"), "127.0.0.1", runtimePort), AppView.class);
            appUsername = app.sshUsername();
        }
        return appUsername;
    }

    /** Whether the server still accepts an access token ({@code GET /oauth2/tokens/{token}}). */
    public boolean isActive(String accessToken) {
        return new ApiClient(apiUrl()).get("/oauth2/tokens/" + accessToken, Introspection.class).active();
    }

    record NewApp(String name, List<String> mounts, String runtimeHost, int runtimePort) {
    }

    record AppView(String sshUsername) {
    }

    record Introspection(boolean active) {
    }

    private Properties demoCredentials() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("demo-credentials"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static TestServer start() {
        Path jar = Path.of(System.getProperty("webpaas.server.jar", "../webpaas-server/target/webpaas-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath()
                    + ": run the tests through the reactor (mvn verify, bin/test), which packages webpaas-server first");
        }
        try {
            Path dataDir = Files.createTempDirectory("webpaas-cli-it-server");
            int httpPort = freePort();
            int gatewayPort = freePort();
            int runtimePort = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + httpPort,
                    "--webpaas.public-url=http://127.0.0.1:" + httpPort,
                    "--webpaas.data-dir=" + dataDir,
                    "--webpaas.gateway.port=" + gatewayPort,
                    "--webpaas.ssh-port=" + gatewayPort,
                    "--webpaas.runtime.port=" + runtimePort,
                    // a deleted key is refused within a second (the gateway may cache key lookups)
                    "--webpaas.gateway.key-cache=1s",
                    "--webpaas.certifier.certificate-lifetime=" + CERTIFICATE_LIFETIME.toSeconds() + "s"));
            Path log = Path.of("target", "webpaas-server-it.log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(dataDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            TestServer server = new TestServer(process, dataDir, httpPort, gatewayPort, runtimePort);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited " + process.exitValue() + ":\n" + read(log));
            }
            if (read(log).contains(READY) && Files.exists(dataDir.resolve("demo-api-token")) && answers()) {
                return;
            }
            sleep(Duration.ofMillis(300));
        }
        stop();
        throw new IllegalStateException("the server did not start within 3 minutes:\n" + read(log));
    }

    private boolean answers() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/ssh/gateway")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and deletes its data directory. */
    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            PrivateFiles.deleteTree(dataDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
