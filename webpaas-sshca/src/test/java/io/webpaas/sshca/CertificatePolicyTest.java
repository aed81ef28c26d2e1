package io.webpaas.sshca;

import static io.webpaas.sshca.CertificateAuthorityTest.newKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.OpenSshCertificate.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatePolicyTest {
    private final CertificateAuthority ca = CertificateAuthority.generate("trusted");
    private final CertificatePolicy policy = new CertificatePolicy(Type.USER, List.of(ca.publicKey()),
            Set.of("source-address"));
    private final Instant now = Instant.now();

    @TempDir
    Path dir;

    @Test
    void acceptsACertificateFromATrustedCaForTheRightPrincipal() throws Exception {
        OpenSshCertificate certificate = parse(ca.sign(userSpec("alice", now.minusSeconds(60), now.plusSeconds(3600))));

        policy.check(certificate, "alice", now);

        assertThat(certificate.getId()).isEqualTo("id-alice");
        assertThat(certificate.getExtensionsMap()).containsEntry("uuid@webpaas", "u-1").containsEntry("permit-pty", "");
    }

    @Test
    void refusesACertificateSignedByAForeignCaWithSshKeygen() throws Exception {
        SshKeygen keygen = new SshKeygen(dir);
        Path foreignCa = keygen.newKey("foreign-ca");
        Path userKey = keygen.newKey("user");
        OpenSshCertificate certificate = SshCertificates.parse(keygen.sign(foreignCa, userKey, "id", "alice", "-5m:+5m"));

        assertThatThrownBy(() -> policy.check(certificate, "alice", Instant.now()))
                .isInstanceOf(InvalidCertificateException.class).hasMessageContaining("untrusted CA");
        // the same certificate passes once its CA is trusted: the refusal above is about trust only
        new CertificatePolicy(Type.USER, List.of(SshCertificates.parse(Files.readString(Path.of(userKey + "-cert.pub")))
                .getCaPubKey()), Set.of()).check(certificate, "alice", Instant.now());
    }

    @Test
    void refusesATamperedCertificate() throws Exception {
        String line = SshCertificates.format(ca.sign(userSpec("alice", now.minusSeconds(60), now.plusSeconds(60))));
        String[] parts = line.split(" ");
        byte[] blob = Base64.getDecoder().decode(parts[1]);
        blob[110] ^= 1; // inside the serial number, which the signature covers
        OpenSshCertificate tampered = SshCertificates.parse(parts[0] + " " + Base64.getEncoder().encodeToString(blob));

        assertThatThrownBy(() -> policy.check(tampered, "alice", now)).hasMessageContaining("signature does not verify");
    }

    @Test
    void refusesOutsideTheValidityWindow() throws Exception {
        OpenSshCertificate certificate = parse(ca.sign(userSpec("alice", now, now.plusSeconds(60))));

        assertThatThrownBy(() -> policy.check(certificate, "alice", now.minusSeconds(1))).hasMessageContaining("not valid before");
        assertThatThrownBy(() -> policy.check(certificate, "alice", now.plusSeconds(60))).hasMessageContaining("expired");
        policy.check(certificate, "alice", now.plusSeconds(59));
    }

    @Test
    void refusesAnotherPrincipal() throws Exception {
        OpenSshCertificate certificate = parse(ca.sign(userSpec("alice", now.minusSeconds(60), now.plusSeconds(60))));

        assertThatThrownBy(() -> policy.check(certificate, "bob", now)).hasMessageContaining("principal bob");
    }

    @Test
    void refusesCriticalOptionsTheCallerDoesNotHandle() throws Exception {
        OpenSshCertificate forced = parse(ca.sign(new CertificateSpec(Type.USER, newKey().getPublic(), "id",
                List.of("alice"), now.minusSeconds(60), now.plusSeconds(60), 1,
                new TreeMap<>(Map.of("force-command", "/bin/true")), new TreeMap<>())));
        OpenSshCertificate restricted = parse(ca.sign(new CertificateSpec(Type.USER, newKey().getPublic(), "id",
                List.of("alice"), now.minusSeconds(60), now.plusSeconds(60), 1,
                new TreeMap<>(Map.of("source-address", "127.0.0.1/32")), new TreeMap<>())));

        assertThatThrownBy(() -> policy.check(forced, "alice", now)).hasMessageContaining("critical option force-command");
        policy.check(restricted, "alice", now);
        assertThat(restricted.getCriticalOptionsMap()).containsEntry("source-address", "127.0.0.1/32");
    }

    @Test
    void refusesAHostCertificateWhereAUserCertificateIsExpected() throws Exception {
        OpenSshCertificate host = parse(ca.sign(CertificateSpec.host(newKey().getPublic(), "h", List.of("alice"),
                now.minusSeconds(60), now.plusSeconds(60), 1)));

        assertThatThrownBy(() -> policy.check(host, "alice", now)).hasMessageContaining("HOST certificate");
    }

    @Test
    void parsingRefusesPlainKeysAndGarbage() throws Exception {
        String plainKey = Files.readString(Path.of(new SshKeygen(dir).newKey("plain") + ".pub"));

        assertThatThrownBy(() -> SshCertificates.parse(plainKey)).hasMessageContaining("not a certificate");
        assertThatThrownBy(() -> SshCertificates.parse("ssh-ed25519-cert-v01@openssh.com AAAAnope"))
                .isInstanceOf(InvalidCertificateException.class);
    }

    private static OpenSshCertificate parse(OpenSshCertificate certificate) throws InvalidCertificateException {
        return SshCertificates.parse(SshCertificates.format(certificate));
    }

    private static CertificateSpec userSpec(String principal, Instant from, Instant until) throws Exception {
        return CertificateSpec.user(newKey().getPublic(), "id-" + principal, List.of(principal), from, until, 99,
                Map.of("permit-pty", "", "uuid@webpaas", "u-1"));
    }
}
