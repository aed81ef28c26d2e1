package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webpaas.cli.api.Json;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.DemoAdmin;
import io.webpaas.cli.support.RunningCommand;
import io.webpaas.cli.support.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Tunnels to an app's relationship, a real PostgreSQL (the test database on 127.0.0.1:5432),
 * reached with the real {@code psql} through the background ssh that {@code tunnel:open} starts.
 */
class TunnelIT {
    private static final Pattern OPENED = Pattern.compile("SSH tunnel opened to database at: pgsql://127\\.0\\.0\\.1:(\\d+)");
    /** The test database (bin/test makes webpaas_test; -Dwebpaas.test.postgres.url names another); only read. */
    private static final String DATABASE = System.getProperty("webpaas.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/webpaas_test").replaceAll(".*/([^/?]+).*", "$1");

    @TempDir
    Path home;
    TestServer server;
    CliUser user;
    String project;
    String app;

    @BeforeEach
    void setUp() {
        server = TestServer.get();
        user = new CliUser(home, server);
        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        project = server.demoProject();
        app = DemoAdmin.unique("tun");
        new DemoAdmin(server).app(project, "main", app, Map.of("database", Map.of("scheme", "pgsql",
                "host", "127.0.0.1", "port", 5432, "path", DATABASE, "username", "webpaas", "password", "webpaas")));
    }

    @AfterEach
    void closeAll() {
        user.webpaas("tunnel:close", "--all");
    }

    @Test
    void openThenPsqlThroughTheTunnelThenCloseLeavesNoProcess() throws Exception {
        Result open = user.webpaas("tunnel:open", "-p", project, "-e", "main", "-A", app);

        assertThat(open.exitCode()).as(open.toString()).isZero();
        Matcher opened = OPENED.matcher(open.stderr());
        assertThat(opened.find()).as(open.stderr()).isTrue();
        int port = Integer.parseInt(opened.group(1));
        assertThat(port).isBetween(30000, 30999);
        assertThat(open.stderr()).endsWith("""

                Logs are written to: ~/.webpaas/tunnels.log

                List tunnels with: webpaas tunnels
                View tunnel details with: webpaas tunnel:info
                Close tunnels with: webpaas tunnel:close

                Save encoded tunnel details to the PLATFORM_RELATIONSHIPS variable using:
                  export PLATFORM_RELATIONSHIPS="$(webpaas tunnel:info --encode)"
                """);
        long pid = Long.parseLong(user.read(home.resolve(".webpaas/tunnels/" + port + ".pid")).strip());
        assertThat(ProcessHandle.of(pid).flatMap(process -> process.info().command())).hasValueSatisfying(
                command -> assertThat(command).endsWith("/ssh"));
        assertThat(user.read(home.resolve(".webpaas/tunnel-info.json"))).contains("\"local_port\" : " + port);

        Result psql = psql(port, "SELECT 'through the tunnel'");
        assertThat(psql.exitCode()).as(psql.toString()).isZero();
        assertThat(psql.stdout()).isEqualTo("through the tunnel\n");

        JsonNode info = Json.MAPPER.readTree(new String(Base64.getDecoder().decode(
                user.webpaas("tunnel:info", "--encode").stdout().strip()), StandardCharsets.UTF_8));
        JsonNode database = info.get("database").get(0);
        assertThat(info.propertyNames()).containsExactly("database");
        assertThat(database.get("host").asString()).isEqualTo("127.0.0.1");
        assertThat(database.get("port").asInt()).isEqualTo(port);
        assertThat(database.get("scheme").asString()).isEqualTo("pgsql");
        assertThat(database.get("path").asString()).isEqualTo(DATABASE);
        assertThat(database.get("username").asString()).isEqualTo("webpaas");

        Result again = user.webpaas("tunnel:open", "-p", project, "-e", "main", "-A", app);
        assertThat(again.stderr()).contains("A tunnel is already open to database at: pgsql://127.0.0.1:" + port);

        Result list = user.webpaas("tunnels");
        assertThat(list.stdout()).contains(port + "  " + project + "  main", app, "database", "pgsql://127.0.0.1:" + port);

        Result close = user.webpaas("tunnel:close", String.valueOf(port));

        assertThat(close.exitCode()).as(close.toString()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.allProcesses().flatMap(process -> process.info().arguments().stream())
                .filter(arguments -> List.of(arguments).contains("127.0.0.1:" + port + ":127.0.0.1:5432")))
                .as("no ssh forwards the port any more").isEmpty();
        assertThat(portIsFree(port)).isTrue();
        assertThat(home.resolve(".webpaas/tunnels/" + port + ".pid")).doesNotExist();
        assertThat(user.webpaas("tunnels").stdout()).isEqualTo("No tunnels are open.\n");
    }

    @Test
    void busyPortsAreSkippedAndDeadTunnelsPruned() throws Exception {
        int busy = firstFreePort();
        try (ServerSocket taken = new ServerSocket(busy, 1, InetAddress.getLoopbackAddress())) {
            Result open = user.webpaas("tunnel:open", "-p", project, "-e", "main", "-A", app);
            assertThat(open.exitCode()).as(open.toString()).isZero();
            Matcher opened = OPENED.matcher(open.stderr());
            assertThat(opened.find()).isTrue();
            int port = Integer.parseInt(opened.group(1));
            assertThat(port).isGreaterThan(busy);

            Result list = user.webpaas("tunnel:list", "--format", "json");
            JsonNode tunnels = Json.MAPPER.readTree(list.stdout());
            assertThat(tunnels).hasSize(1);
            assertThat(tunnels.get(0).get("local_port").asInt()).isEqualTo(port);
            assertThat(tunnels.get(0).get("app").asString()).isEqualTo(app);
            assertThat(list.stdout()).as("credentials are for tunnel:info only").doesNotContain("password");

            long pid = Long.parseLong(user.read(home.resolve(".webpaas/tunnels/" + port + ".pid")).strip());
            ProcessHandle ssh = ProcessHandle.of(pid).orElseThrow();
            ssh.destroyForcibly();
            ssh.onExit().join();

            assertThat(user.webpaas("tunnels").stdout()).isEqualTo("No tunnels are open.\n");
            assertThat(home.resolve(".webpaas/tunnels/" + port + ".pid")).doesNotExist();
            assertThat(user.webpaas("tunnel:info").stderr()).contains("No tunnels are open.");
        }
    }

    @Test
    void singleRunsInTheForegroundUntilCtrlC() {
        RunningCommand single = user.startInTerminal("tunnel:single", "-p", project, "-e", "main", "-A", app,
                "--port", String.valueOf(firstFreePort()));
        int port = Integer.parseInt(single.awaitStdout(OPENED).group(1));
        single.awaitStdout(Pattern.compile("Press Ctrl-C to close it"));

        Result psql = psql(port, "SELECT 1 + 1");
        assertThat(psql.stdout()).as(psql.toString()).isEqualTo("2\n");

        single.interrupt();
        await().atMost(Duration.ofSeconds(30)).until(() -> portIsFree(port));
        single.finish();
        assertThat(ProcessHandle.allProcesses().flatMap(process -> process.info().arguments().stream())
                .filter(arguments -> List.of(arguments).contains("127.0.0.1:" + port + ":127.0.0.1:5432"))).isEmpty();
    }

    private Result psql(int port, String query) {
        return CliUser.run(Map.of("PATH", System.getenv("PATH"), "PGPASSWORD", "webpaas", "PGCONNECT_TIMEOUT", "10"),
                "psql", "-X", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "webpaas", "-d", DATABASE,
                "-Atc", query);
    }

    private static int firstFreePort() {
        for (int port = 30000; ; port++) {
            if (portIsFree(port)) {
                return port;
            }
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
