package io.webpaas.server.certifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.config.SecretBox;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.tokens.ApiTokens;
import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.CertificateSpec;
import io.webpaas.sshca.SshCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
    Users users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens apiTokens;
    @Autowired
    TokenIntrospector introspector;
    @Autowired
    SecretBox secrets;
    @TempDir
    Path dir;

    private TestTokens tokens;
    private CertifierHttp http;
    private People people;
    private OpenSsh openSsh;

    @BeforeEach
    void setUp() {
        tokens = new TestTokens(apiTokens, introspector, port);
        http = new CertifierHttp(port);
        people = new People(users, jdbc);
        openSsh = new OpenSsh(dir);
    }

    @Test
    void onlyStaffMayRotate() throws Exception {
        HttpResponse<String> response = http.rotateUserAuthority(tokens.issue(people.user(), null).accessToken());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(http.read(response)).containsEntry("error", "access_denied");
    }

    @Test
    void sshdFollowsARotationAndRefusesTheRetiredKey() throws Exception {
        User henry = people.user();
        String principal = henry.uuid().toString();
        String token = tokens.issue(henry, null).accessToken();
        Path oldKey = openSsh.newKey("old");
        String oldCertificate = http.certificate(token, openSsh.publicKey(oldKey));
        String oldCa = caOf(oldCertificate);
        Path oldCertificateFile = openSsh.writeCertificate(oldKey, oldCertificate);
        // a long-lived certificate from the old CA key: only its retirement can make sshd refuse it
        Path forgedKey = openSsh.newKey("forged");
        Path forgedCertificate = openSsh.writeCertificate(forgedKey, longLivedCertificate(oldCa, forgedKey, principal));

        try (SshServer sshd = SshServer.start(dir, http.userAuthorities(), principal)) {
            assertThat(sshd.login(oldKey, oldCertificateFile).exitCode()).as(sshd.log()).isZero();

            HttpResponse<String> rotated = http.rotateUserAuthority(tokens.issue(people.staff(), null).accessToken());
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            Map<String, Object> rotation = http.read(rotated);
            String newCa = CertifierTest.withoutComment((String) rotation.get("public_key"));
            Instant signsFrom = Instant.parse((String) rotation.get("signs_from"));
            Instant oldRetiresAt = Instant.parse((String) rotation.get("previous_retires_at"));
            assertThat(Duration.between(signsFrom, oldRetiresAt)).isEqualTo(Duration.ofSeconds(5));

            // published at once, but the old key signs until the publish-ahead delay is over
            assertThat(authorities()).contains(oldCa, newCa);
            assertThat(caOf(http.certificate(token, openSsh.publicKey(openSsh.newKey("during"))))).isEqualTo(oldCa);

            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(signsFrom));
            Path newKey = openSsh.newKey("new");
            String newCertificate = http.certificate(token, openSsh.publicKey(newKey));
            assertThat(caOf(newCertificate)).isEqualTo(newCa);
            assertThat(authorities()).contains(oldCa, newCa);
            sshd.trust(http.userAuthorities());
            assertThat(sshd.login(newKey, openSsh.writeCertificate(newKey, newCertificate)).exitCode()).isZero();
            assertThat(sshd.login(forgedKey, forgedCertificate).exitCode()).isZero();

            await().atMost(Duration.ofSeconds(15)).until(() -> !authorities().contains(oldCa));
            assertThat(Instant.now()).isAfterOrEqualTo(oldRetiresAt);
            assertThat(authorities()).contains(newCa);
            sshd.trust(http.userAuthorities());
            assertThat(sshd.login(forgedKey, forgedCertificate).exitCode()).isEqualTo(255);
            assertThat(sshd.login(oldKey, oldCertificateFile).exitCode()).isEqualTo(255);
            Path newerKey = openSsh.newKey("newer");
            assertThat(sshd.login(newerKey, openSsh.writeCertificate(newerKey,
                    http.certificate(token, openSsh.publicKey(newerKey)))).exitCode()).as(sshd.log()).isZero();
        }
    }

    private List<String> authorities() throws Exception {
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
