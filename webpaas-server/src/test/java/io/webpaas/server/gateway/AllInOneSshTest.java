package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.directory.Role;
import io.webpaas.server.runtime.RuntimeServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * One server with every role, as {@code webpaas-server} runs by default: a user certificate
 * from {@code POST /ssh}, the real OpenSSH client against the gateway, and the gateway on to
 * this same server's runtime, which runs the session in its sandbox. No stand-in sshd.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AllInOneSshTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    GatewayServer gateway;
    @Autowired
    RuntimeServer runtime;
    @TempDir
    Path dir;

    private GatewayClient client;
    private GatewayClient.Credentials credentials;
    private String project;

    @BeforeEach
    void setUp() throws Exception {
        ApiClient api = new ApiClient(port);
        TestUsers.TestUser user = new TestUsers(context).create();
        project = new DirectoryFixture(context).projectWith(user.user(), Role.CONTRIBUTOR,
                new AppHost(false, "127.0.0.1", runtime.port()));
        client = GatewayClient.trusting(gateway.port(), api.get("/ssh/host-authority", null).json()
                .path("authorities").valueStream().map(node -> node.asString()).toList(), dir);
        credentials = GatewayClient.Credentials.certified(api, new OpenSsh(dir), user.accessToken(), Map.of());
    }

    @Test
    void theExitStatusComesBackFromTheSandbox() {
        OpenSsh.Result result = client.ssh(credentials, project, "exit 3");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    }

    @Test
    void theSessionIsUserWebOnTheAppsHostInTheProject() {
        OpenSsh.Result result = client.ssh(credentials, project, "whoami; hostname; echo $PLATFORM_PROJECT");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("web\n" + project + "-main--app\n" + project + "\n");
    }

    @Test
    void onlyTheMountsAreWritable() {
        OpenSsh.Result outside = client.ssh(credentials, project, "touch app-file");
        OpenSsh.Result inside = client.ssh(credentials, project, "echo kept > web/uploads/kept && cat web/uploads/kept");

        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.output()).contains("Read-only file system");
        assertThat(inside.exitCode()).as(inside.output()).isZero();
        assertThat(inside.output()).isEqualTo("kept\n");
    }

    @Test
    void anInteractiveShellShowsTheWelcomeBanner() {
        OpenSsh.Result result = client.shell(credentials, project, "exit 4\n");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(4);
        assertThat(result.output()).contains("Welcome to WebPaaS.", "This is environment main",
                "of project " + project + ".");
    }

    @Test
    void scpUploadsIntoTheMount() throws Exception {
        String content = "uploaded " + UUID.randomUUID();
        Path local = Files.writeString(dir.resolve("up.txt"), content + "\n");

        OpenSsh.Result copied = client.scp(credentials, local.toString(),
                project + "@127.0.0.1:web/uploads/up.txt");
        OpenSsh.Result read = client.ssh(credentials, project, "cat web/uploads/up.txt");

        assertThat(copied.exitCode()).as(copied.output()).isZero();
        assertThat(read.output()).isEqualTo(content + "\n");
    }
}
