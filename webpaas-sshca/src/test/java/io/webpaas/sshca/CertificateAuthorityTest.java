package io.webpaas.sshca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final DateTimeFormatter KEYGEN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @TempDir
    Path dir;

    @Test
    void sshKeygenReadsAUserCertificateWithEveryExtension() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate("test-user-ca");
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put("permit-pty", "");
        extensions.put("uuid@webpaas", "7b1e0c5e-0000-4000-8000-000000000001");
        extensions.put("access@webpaas", "{\"wk5fqz6qoo123\":\"admin\"}");
        OpenSshCertificate certificate = ca.sign(CertificateSpec.user(newKey().getPublic(), "key-id-1",
                List.of("alice"), from, from.plusSeconds(3600), 42, extensions));

        String listing = new SshKeygen(dir).list(SshCertificates.format(certificate));

        assertThat(listing)
                .contains("Type: ssh-ed25519-cert-v01@openssh.com user certificate")
                .contains("Signing CA: ED25519 " + KeyUtils.getFingerPrint(ca.publicKey()))
                .contains("Key ID: \"key-id-1\"")
                .contains("Serial: 42")
                .contains("Valid: from " + KEYGEN_TIME.format(from) + " to " + KEYGEN_TIME.format(from.plusSeconds(3600)))
                .containsPattern("Principals: \\n\\s+alice\\n")
                .containsPattern("Critical Options: \\(none\\)")
                .containsPattern("\\n\\s+permit-pty\\n")
                // OpenSSH prints vendor extensions as the hex of their (string-wrapped) data
                .contains("uuid@webpaas UNKNOWN OPTION: " + sshStringHex("7b1e0c5e-0000-4000-8000-000000000001"))
                .contains("access@webpaas UNKNOWN OPTION: " + sshStringHex("{\"wk5fqz6qoo123\":\"admin\"}"));
    }

    @Test
    void sshKeygenReadsAHostCertificate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.generate("test-host-ca");
        Instant from = Instant.now();
        OpenSshCertificate certificate = ca.sign(CertificateSpec.host(newKey().getPublic(), "gateway-1",
                List.of("ssh.example.test", "127.0.0.1"), from, from.plusSeconds(86400), 7));

        assertThat(new SshKeygen(dir).list(SshCertificates.format(certificate)))
                .contains("host certificate")
                .contains("Key ID: \"gateway-1\"")
                .containsPattern("Principals: \\n\\s+ssh.example.test\\n\\s+127.0.0.1\\n");
    }

    @Test
    void aCaRebuiltFromItsPkcs8FormSignsWithTheSameKey() throws Exception {
        CertificateAuthority original = CertificateAuthority.generate("ca");
        CertificateAuthority restored = CertificateAuthority.fromPkcs8(original.privateKeyPkcs8(), "ca");
        Instant now = Instant.now();
        OpenSshCertificate certificate = restored.sign(CertificateSpec.user(newKey().getPublic(), "id",
                List.of("p"), now.minusSeconds(60), now.plusSeconds(60), 1, Map.of()));

        assertThat(restored.publicKeyLine()).isEqualTo(original.publicKeyLine());
        new CertificatePolicy(OpenSshCertificate.Type.USER, List.of(original.publicKey()), java.util.Set.of())
                .check(SshCertificates.parse(SshCertificates.format(certificate)), "p", now);
    }

    static String sshStringHex(String value) {
        byte[] data = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(4 + data.length).putInt(data.length).put(data).array());
    }

    static KeyPair newKey() throws Exception {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }
}
