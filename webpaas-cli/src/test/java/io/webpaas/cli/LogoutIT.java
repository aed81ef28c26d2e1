package io.webpaas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.api.ApiException;
import io.webpaas.cli.auth.TokenResponse;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import io.webpaas.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webpaas logout} leaves nothing that still works, and the user's own ssh config as it was. */
class LogoutIT {
    @TempDir
    Path home;

    @Test
    void logoutRevokesTheTokensAndRemovesEverythingItWrote() throws Exception {
        TestServer server = TestServer.get();
        String app = server.appUsername();
        CliUser user = new CliUser(home, server);
        String ownConfig = "Host example.test\n  User someone\n";
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), ownConfig);

        Result login = user.webpaas(Map.of("WEBPAAS_CLI_TOKEN", server.demoApiToken()), "auth:api-token-login", "--yes");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(user.plain("ssh", app + "@127.0.0.1", "true").exitCode()).isZero();
        assertThat(user.read(home.resolve(".ssh/config"))).startsWith("# BEGIN webpaas-cli").endsWith(ownConfig);
        String accessToken = user.webpaas("auth:token", "-W").stdout().strip();
        Matcher refresh = Pattern.compile("\"refresh_token\" : \"([^\"]+)\"")
                .matcher(user.read(home.resolve(".webpaas/.session/sess-cli-default/session.json")));
        assertThat(refresh.find()).isTrue();

        Result logout = user.webpaas("logout");

        assertThat(logout.exitCode()).as(logout.toString()).isZero();
        assertThat(logout.stderr()).isEqualTo("You are logged out.\n");
        assertThat(server.isActive(accessToken)).isFalse();
        assertThat(refreshTokenWorks(server, refresh.group(1))).isFalse();
        assertThat(home.resolve(".webpaas/.session/sess-cli-default")).doesNotExist();
        assertThat(home.resolve(".webpaas/ssh/webpaas-cli.config")).doesNotExist();
        assertThat(user.read(home.resolve(".ssh/config"))).isEqualTo(ownConfig);

        Result ssh = user.plain("ssh", "-p", Integer.toString(server.gatewayPort()), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", app + "@127.0.0.1", "true");
        assertThat(ssh.exitCode()).as(ssh.toString()).isEqualTo(255);
        assertThat(ssh.stderr()).contains("Permission denied");
        Result load = user.webpaas("ssh-cert:load", "--refresh-only", "--yes", "--quiet");
        assertThat(load.exitCode()).isEqualTo(1);
        assertThat(load.stderr()).isEqualTo("Please log in by running: webpaas login\n");
        assertThat(user.webpaas("logout").stderr()).contains("You were not logged in");
    }

    private static boolean refreshTokenWorks(TestServer server, String refreshToken) {
        try {
            new ApiClient(server.apiUrl()).postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                    "client_id", "webpaas-cli", "refresh_token", refreshToken), TokenResponse.class);
            return true;
        } catch (ApiException refused) {
            return false;
        }
    }
}
