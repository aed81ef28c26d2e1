package io.webpaas.server.certifier;

import io.webpaas.server.support.SshServer;
import io.webpaas.server.support.OpenSsh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.SecretBox;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.CertificateSpec;
import io.webpaas.sshca.SshCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * User CA rotation with durations in seconds: the new key is published before it signs, the
 * old one signs until then and is published until its last certificate has expired, and a
 * real sshd that refreshes its trusted keys from {@code GET /ssh/authority} follows along.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "webpaas.certifier.certificate-lifetime=4s",
        "webpaas.certifier.publish-ahead=3s",
        "webpaas.certifier.clock-skew=1s",
        "webpaas.certifier.refresh=1s"})
class UserAuthorityRotationTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox secrets;
    @Autowired
    AuditLog audit;
    @Autowired
    Authorities authorities;
    @TempDir
    Path dir;

    private TestUsers users;
    private CertifierHttp http;
    private OpenSsh openSsh;

    @BeforeEach
    void setUp() {
        users = new TestUsers(context);
        http = new CertifierHttp(new ApiClient(port));
        openSsh = new OpenSsh(dir);
    }

    @Test
    void onlyStaffMayRotate() {
        TestUser ursula = users.create();
        List<String> before = http.userAuthorities();

        ApiClient.Response response = http.rotateUserAuthority(ursula.accessToken());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("error").asString()).isEqualTo("access_denied");
        assertThat(http.userAuthorities()).isEqualTo(before);
        assertThat(audit.find("ssh_authority.rotated", ursula.user().uuid(), null, 0, 1))
                .singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo("failure"));
        assertThat(http.rotateUserAuthority(null).status()).isEqualTo(401);
    }

    @Test
    void rotationsRacingOnTwoReplicasLeaveOneConsistentChain() throws Exception {
        int before = newestGeneration();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> outcomes;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            outcomes = List.of(pool.submit(() -> rotateAfter(start)), pool.submit(() -> rotateAfter(start)));
            start.countDown();
        }

        List<Object> results = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            results.add(outcome.get());
        }
        assertThat(results).allSatisfy(result ->
                assertThat(result).isInstanceOfAny(Rotation.class, RotationConflictException.class));
        List<Rotation> won = results.stream().filter(Rotation.class::isInstance).map(Rotation.class::cast).toList();
        assertThat(won).isNotEmpty();
        assertThat(newestGeneration()).isEqualTo(before + won.size());
        // every key but the newest has a retirement date, and generations have no gaps
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ssh_authorities WHERE purpose = 'user' AND retires_at IS NULL")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ssh_authorities WHERE purpose = 'user'").query(Long.class).single())
                .isEqualTo(newestGeneration());
        // let the newest key start signing so the other tests begin from a settled CA
        Instant settled = won.stream().map(Rotation::signsFrom).max(Instant::compareTo).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(settled));
    }

    @Test
    void sshdFollowsARotationAndRefusesTheRetiredKey() throws Exception {
        TestUser henry = users.create();
        String principal = henry.user().uuid().toString();
        String token = henry.accessToken();
        Path oldKey = openSsh.newKey("old");
        String oldCertificate = http.certificate(token, openSsh.publicKey(oldKey));
        String oldCa = caOf(oldCertificate);
        Path oldCertificateFile = openSsh.writeCertificate(oldKey, oldCertificate);
        // a long-lived certificate from the old CA key: only its retirement can make sshd refuse it
        Path forgedKey = openSsh.newKey("forged");
        Path forgedCertificate = openSsh.writeCertificate(forgedKey, longLivedCertificate(oldCa, forgedKey, principal));

        try (SshServer sshd = SshServer.start(dir, http.userAuthorities(), principal)) {
            assertThat(sshd.login(oldKey, oldCertificateFile).exitCode()).as(sshd.log()).isZero();

            ApiClient.Response rotated = http.rotateUserAuthority(users.createStaff().accessToken());
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String newCa = CertifierTest.withoutComment(rotated.json().path("public_key").asString());
            Instant signsFrom = Instant.parse(rotated.json().path("signs_from").asString());
            Instant oldRetiresAt = Instant.parse(rotated.json().path("previous_retires_at").asString());
            assertThat(Duration.between(signsFrom, oldRetiresAt)).isEqualTo(Duration.ofSeconds(5));

            // published at once, but the old key signs until the publish-ahead delay is over
            assertThat(published()).contains(oldCa, newCa);
            assertThat(caOf(http.certificate(token, openSsh.publicKey(openSsh.newKey("during"))))).isEqualTo(oldCa);

            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(signsFrom));
            Path newKey = openSsh.newKey("new");
            String newCertificate = http.certificate(token, openSsh.publicKey(newKey));
            assertThat(caOf(newCertificate)).isEqualTo(newCa);
            assertThat(published()).contains(oldCa, newCa);
            sshd.trust(http.userAuthorities());
            assertThat(sshd.login(newKey, openSsh.writeCertificate(newKey, newCertificate)).exitCode()).isZero();
            assertThat(sshd.login(forgedKey, forgedCertificate).exitCode()).isZero();

            await().atMost(Duration.ofSeconds(15)).until(() -> !published().contains(oldCa));
            assertThat(Instant.now()).isAfterOrEqualTo(oldRetiresAt);
            assertThat(published()).contains(newCa);
            sshd.trust(http.userAuthorities());
            assertThat(sshd.login(forgedKey, forgedCertificate).exitCode()).isEqualTo(255);
            assertThat(sshd.login(oldKey, oldCertificateFile).exitCode()).isEqualTo(255);
            Path newerKey = openSsh.newKey("newer");
            assertThat(sshd.login(newerKey, openSsh.writeCertificate(newerKey,
                    http.certificate(token, openSsh.publicKey(newerKey)))).exitCode()).as(sshd.log()).isZero();
        }
    }

    private Object rotateAfter(CountDownLatch start) throws InterruptedException {
        start.await();
        try {
            return authorities.rotateUserAuthority();
        } catch (RotationConflictException lost) {
            return lost;
        }
    }

    private int newestGeneration() {
        return jdbc.sql("SELECT MAX(generation) FROM ssh_authorities WHERE purpose = 'user'").query(Integer.class).single();
    }

    private List<String> published() {
        return http.userAuthorities().stream().map(CertifierTest::withoutComment).toList();
    }

    private static String caOf(String certificate) throws Exception {
        return PublicKeyEntry.toString(SshCertificates.parse(certificate).getCaPubKey());
    }

    /** Signs with the stored private key of {@code caPublicKey}, valid for an hour. */
    private String longLivedCertificate(String caPublicKey, Path key, String principal) throws Exception {
        String sealed = jdbc.sql("SELECT private_key FROM ssh_authorities WHERE purpose = 'user' AND public_key LIKE ?")
                .param(caPublicKey + "%").query(String.class).single();
        CertificateAuthority ca = CertificateAuthority.fromPkcs8(
                secrets.open(AuthorityPurpose.USER.sealPurpose(), sealed), "");
        Instant now = Instant.now();
        return SshCertificates.format(ca.sign(CertificateSpec.user(
                PublicKeyEntry.parsePublicKeyEntry(openSsh.publicKey(key)).resolvePublicKey(null, null, null),
                principal, List.of(principal), now.minusSeconds(60), now.plusSeconds(3600), 1, Map.of())));
    }
}
