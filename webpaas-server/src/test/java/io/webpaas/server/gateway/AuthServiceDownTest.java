package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.webpaas.server.directory.Role;
import io.webpaas.server.runtime.RuntimeServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.Servers;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A split deployment in one JVM: an auth service, and a server with the gateway and runtime
 * roles only that fetches the user CA keys and its host certificates from that auth service, both
 * on one database. When the auth service is stopped, the gateway keeps the keys it fetched last
 * and certificate users keep getting in.
 */
class AuthServiceDownTest {
    @TempDir
    Path dir;

    @Test
    void certificateUsersKeepWorkingWhileTheAuthServiceIsStopped() throws Exception {
        ConfigurableApplicationContext auth = Servers.start("--webpaas.roles=auth");
        int authPort = Servers.port(auth);
        String database = auth.getBean(DataSource.class).unwrap(HikariDataSource.class).getJdbcUrl();
        try (ConfigurableApplicationContext edge = Servers.start("--webpaas.roles=gateway,runtime",
                "--spring.datasource.url=" + database, "--webpaas.public-url=http://127.0.0.1:" + authPort,
                "--webpaas.gateway.authority-url=http://127.0.0.1:" + authPort + "/ssh/authority")) {
            ApiClient authApi = new ApiClient(authPort);
            TestUser dave = new TestUsers(auth).create();
            String project = new DirectoryFixture(auth).projectWith(dave.user(), Role.CONTRIBUTOR,
                    new AppHost(false, "127.0.0.1", edge.getBean(RuntimeServer.class).port()));
            GatewayClient.Credentials credentials = GatewayClient.Credentials.certified(authApi, new OpenSsh(dir),
                    dave.accessToken(), Map.of());
            GatewayClient client = GatewayClient.trusting(edge.getBean(GatewayServer.class).port(),
                    authApi.get("/ssh/host-authority", null).json().path("authorities").valueStream()
                            .map(node -> node.asString()).toList(), dir);
            assertThat(client.ssh(credentials, project, "exit 0").exitCode()).isZero();

            auth.close();
            assertThatThrownBy(() -> new Socket("127.0.0.1", authPort).close()).isInstanceOf(ConnectException.class);
            assertThat(edge.getBean(UserAuthorities.class).refresh()).isFalse();

            OpenSsh.Result result = client.ssh(credentials, project, "echo still in; exit 4");
            assertThat(result.exitCode()).as(result.output()).isEqualTo(4);
            assertThat(result.output()).isEqualTo("still in\n");
        } finally {
            auth.close();
        }
    }
}
