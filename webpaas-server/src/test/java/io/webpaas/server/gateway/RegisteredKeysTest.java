package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.directory.Role;
import io.webpaas.server.keys.KeyRegistry;
import io.webpaas.server.keys.NewKey;
import io.webpaas.server.keys.SshKey;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.SshServer;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Registered keys at the gateway, looked up through the auth service's internal API and cached
 * for {@code webpaas.gateway.key-cache} (three seconds here): a login marks the key used, and a
 * deleted key stops working once the cache time has passed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"webpaas.gateway.upstream-user=${user.name}", "webpaas.gateway.key-cache=3s"})
class RegisteredKeysTest {
    private static final Duration KEY_CACHE = Duration.ofSeconds(3);
    private static SshServer runtime;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Authorities authorities;
    @Autowired
    KeyRegistry registry;
    @Autowired
    RegisteredKeys registeredKeys;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    private OpenSsh openSsh;
    private GatewayClient client;
    private TestUser owner;
    private String project;

    @BeforeEach
    void setUp() throws Exception {
        if (runtime == null) {
            runtime = SshServer.start(Files.createTempDirectory("registered-keys-runtime"),
                    authorities.published(AuthorityPurpose.INTERNAL, Instant.now()), System.getProperty("user.name"),
                    authorities.signer(AuthorityPurpose.HOST, Instant.now()), "127.0.0.1");
        }
        openSsh = new OpenSsh(dir);
        client = GatewayClient.of(context, new ApiClient(port), dir);
        owner = new TestUsers(context).create();
        project = new DirectoryFixture(context).projectWith(owner.user(), Role.ADMIN,
                new AppHost(false, "127.0.0.1", runtime.port()));
    }

    @AfterAll
    static void stopRuntime() throws Exception {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @Test
    void eachLoginWithAKeyUpdatesItsLastUse() {
        Path key = openSsh.newKey("laptop");
        SshKey added = registry.addAccountKey(DirectoryFixture.actor(owner.user()),
                new NewKey("laptop", openSsh.publicKey(key)));
        assertThat(added.lastUsedAt()).isNull();

        assertThat(login(key).exitCode()).isZero();
        Instant first = lastUsed(added);
        assertThat(first).isNotNull();
        assertThat(login(key).exitCode()).isZero();
        assertThat(lastUsed(added)).isAfter(first);
    }

    @Test
    void aDeletedProjectKeyIsRefusedOnceTheCacheTimeHasPassed() throws Exception {
        Path key = openSsh.newKey("deploy");
        SshKey added = registry.addProjectKey(DirectoryFixture.actor(owner.user()), project,
                new NewKey("deploy", openSsh.publicKey(key)));
        String fingerprint = openSsh.fingerprint(key, "sha256");
        assertThat(registeredKeys.find(fingerprint)).extracting(registration -> registration.id())
                .containsExactly(added.id());

        registry.deleteProjectKey(DirectoryFixture.actor(owner.user()), project, added.id());
        // the gateway answers from its cache until the cache time has passed, then asks again
        assertThat(registeredKeys.find(fingerprint)).hasSize(1);
        Thread.sleep(KEY_CACHE.toMillis());

        OpenSsh.Result refused = login(key);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(255);
        assertThat(refused.output()).contains("Permission denied (publickey)");
        assertThat(audit.find("ssh.auth", null, null, 0, 50)).filteredOn(event -> fingerprint.equals(
                event.detail().get("fingerprint"))).first().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo("failure");
                    assertThat(event.detail()).containsEntry("reason", "the key " + fingerprint + " is not registered");
                });
    }

    private OpenSsh.Result login(Path key) {
        return client.ssh(new GatewayClient.Credentials(key, null), project, "true");
    }

    private Instant lastUsed(SshKey key) {
        return registry.accountKeys(owner.user().uuid()).stream().filter(found -> found.id().equals(key.id()))
                .findFirst().orElseThrow().lastUsedAt();
    }
}
