package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.certifier.Certifier;
import io.webpaas.server.directory.Role;
import io.webpaas.server.runtime.RuntimeServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.Servers;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A split deployment in one JVM, on one database: an auth service, a gateway and a runtime, each
 * a server of its own. Only the auth service holds every CA's private key; the gateway holds the
 * internal CA's, the runtime none, and both get their host certificates from the auth service's
 * internal API, which gateways and users' clients accept. Only the auth service runs a web server.
 */
class SplitRolesKeysTest {
    @TempDir
    Path dir;

    @Test
    void eachRoleHoldsOnlyTheKeysItSignsWithAndSessionsReachTheRuntime() throws Exception {
        try (ConfigurableApplicationContext auth = Servers.start("--webpaas.roles=auth")) {
            String authUrl = "--webpaas.public-url=http://127.0.0.1:" + Servers.port(auth);
            String database = "--spring.datasource.url="
                    + auth.getBean(DataSource.class).unwrap(HikariDataSource.class).getJdbcUrl();
            try (ConfigurableApplicationContext runtime = Servers.start("--webpaas.roles=runtime", authUrl, database);
                 ConfigurableApplicationContext gateway = Servers.start("--webpaas.roles=gateway", authUrl, database)) {
                assertHolds(runtime);
                assertHolds(gateway, AuthorityPurpose.INTERNAL);
                // HTTP is the auth service's alone: the others answer nothing there from the shared database
                assertThat(runtime.getEnvironment().getProperty("local.server.port")).isNull();
                assertThat(gateway.getEnvironment().getProperty("local.server.port")).isNull();
                assertThatThrownBy(() -> runtime.getBean(Certifier.class).signUser(
                        KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic(), "someone", Map.of()))
                        .hasMessageContaining("does not hold the user CA's private key");
                Instant now = Instant.now();
                for (AuthorityPurpose purpose : AuthorityPurpose.values()) {
                    List<String> published = auth.getBean(Authorities.class).published(purpose, now);
                    assertThat(runtime.getBean(Authorities.class).published(purpose, now)).isEqualTo(published);
                    assertThat(gateway.getBean(Authorities.class).published(purpose, now)).isEqualTo(published);
                }

                ApiClient authApi = new ApiClient(Servers.port(auth));
                TestUser erin = new TestUsers(auth).create();
                String project = new DirectoryFixture(auth).projectWith(erin.user(), Role.CONTRIBUTOR,
                        new AppHost(false, "127.0.0.1", runtime.getBean(RuntimeServer.class).port()));
                GatewayClient.Credentials credentials = GatewayClient.Credentials.certified(authApi,
                        new OpenSsh(dir), erin.accessToken(), Map.of());
                // strict host key checking against the host CA: the gateway's certificate came from the auth service
                GatewayClient client = GatewayClient.of(gateway, authApi, dir);
                // and the gateway admits the runtime only with a host certificate from the host CA for 127.0.0.1
                OpenSsh.Result result = client.ssh(credentials, project, "echo on the runtime; exit 3");
                assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
                assertThat(result.output()).isEqualTo("on the runtime\n");
            }
        }
    }

    /** Outside the auth role the CA keys come from the auth service's first start; without them, a clear refusal. */
    @Test
    void aRuntimeRefusesToStartBeforeTheAuthServiceMadeTheKeys() {
        // an empty database of its own, also in the PostgreSQL run; no auth service at the public URL
        assertThatThrownBy(() -> Servers.start("--webpaas.roles=runtime",
                "--spring.datasource.url=jdbc:h2:mem:no-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--webpaas.public-url=http://127.0.0.1:9"))
                .rootCause().hasMessageContaining("no user CA key in the database")
                .hasMessageContaining("start the auth service first");
    }

    /** The private keys {@code server} holds: it signs with these CAs and no other. */
    private static void assertHolds(ConfigurableApplicationContext server, AuthorityPurpose... held) {
        Authorities authorities = server.getBean(Authorities.class);
        List<AuthorityPurpose> signing = new ArrayList<>();
        for (AuthorityPurpose purpose : AuthorityPurpose.values()) {
            try {
                assertThat(authorities.signer(purpose, Instant.now())).isNotNull();
                signing.add(purpose);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("does not hold the " + purpose.wire() + " CA's private key");
            }
        }
        assertThat(signing).containsExactly(held);
    }
}
