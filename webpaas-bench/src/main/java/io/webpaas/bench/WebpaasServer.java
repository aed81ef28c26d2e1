package io.webpaas.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebPaaS server jar in its own JVM with a temporary data directory (H2, demo data), running
 * the roles {@code auth} and {@code gateway}; the app the benchmark reaches runs on an OpenSSH
 * {@code sshd}, so the gateway logs in there as the local user.
 */
final class WebpaasServer implements AutoCloseable {
    private final Path dataDir;
    private final URI url;
    private final int sshPort;
    private final Process process;
    private final String internalSecret;
    private final HttpClient http = HttpClient.newHttpClient();
    private String accessToken;

    private WebpaasServer(Path dataDir, URI url, int sshPort, String internalSecret, Process process) {
        this.dataDir = dataDir;
        this.url = url;
        this.sshPort = sshPort;
        this.internalSecret = internalSecret;
        this.process = process;
    }

    static WebpaasServer start(Path jar, Path dataDir, List<String> jvmOptions) throws Exception {
        Files.createDirectories(dataDir);
        int httpPort = Commands.freePort();
        int sshPort = Commands.freePort();
        String internalSecret = UUID.randomUUID().toString();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--webpaas.data-dir=" + dataDir,
                "--webpaas.roles=auth,gateway",
                "--server.port=" + httpPort,
                "--webpaas.public-url=http://127.0.0.1:" + httpPort,
                "--webpaas.gateway.port=" + sshPort,
                "--webpaas.ssh-port=" + sshPort,
                "--webpaas.gateway.upstream-user=" + System.getProperty("user.name"),
                "--webpaas.internal-client-secret=" + internalSecret));
        Path log = dataDir.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WebpaasServer server = new WebpaasServer(dataDir, URI.create("http://127.0.0.1:" + httpPort), sshPort,
                internalSecret, process);
        Commands.awaitListening(httpPort, process, log);
        Commands.awaitListening(sshPort, process, log);
        return server;
    }

    int sshPort() {
        return sshPort;
    }

    long pid() {
        return process.pid();
    }

    /** Signs in as the demo user with the API token the server writes once it has started. */
    void signIn() throws IOException, InterruptedException {
        Path token = dataDir.resolve("demo-api-token");
        for (int i = 0; i < 600 && !Files.exists(token); i++) {
            Thread.sleep(100);
        }
        accessToken = AccessTokens.exchange(url, Files.readString(token).strip());
    }

    String userUuid() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve("/api/v1/me")).header("Authorization", "Bearer " + accessToken)
                .GET()).path("uuid").asString();
    }

    /** A new project of the demo organization whose app {@code app} in {@code main} runs on {@code runtimePort}. */
    String projectOn(int runtimePort) throws IOException, InterruptedException {
        String project = post("/api/v1/projects", Map.of("organization", "demo", "title", "Gateway benchmark"))
                .path("id").asString();
        post("/api/v1/projects/" + project + "/environments/main/apps", Map.of("name", "app",
                "runtime_host", "127.0.0.1", "runtime_port", runtimePort));
        return project;
    }

    /** A user certificate for the demo user's public key, from {@code POST /ssh}. */
    String certificate(String publicKey) throws IOException, InterruptedException {
        return post("/ssh", Map.of("key", publicKey)).path("certificate").asString();
    }

    /** The CA keys at {@code /ssh/authority}, {@code /ssh/host-authority} or {@code /ssh/internal-authority}. */
    List<String> authorities(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve(path)).GET()).path("authorities").valueStream()
                .map(JsonNode::asString).toList();
    }

    /**
     * A host certificate from the host CA for an sshd standing in for a runtime, from the internal
     * API with the internal client's credentials: gateways only reach runtimes that show one.
     */
    String hostCertificate(String hostKey, String hostname) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("webpaas-internal:" + internalSecret)
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(url.resolve("/internal/v1/host-certificates"))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(
                        Map.of("key", hostKey, "hostnames", List.of(hostname))))))
                .path("certificate").asString();
    }

    /** CPU time the server's JVM has used so far. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow();
    }

    /** Bytes of live objects on the server's heap: {@code jcmd GC.class_histogram} runs a full GC first. */
    long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        String histogram = Commands.run(jcmd.toString(), String.valueOf(process.pid()), "GC.class_histogram");
        String total = histogram.lines().filter(line -> line.startsWith("Total")).findFirst()
                .orElseThrow(() -> new IOException("no total in the class histogram: " + histogram));
        return Long.parseLong(total.trim().split("\\s+")[2]);
    }

    private JsonNode post(String path, Map<String, Object> body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.build().method() + " " + request.build().uri() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return JsonMapper.shared().readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        http.close();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
