package io.webpaas.cli.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.cli.CliException;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates signed by the real ssh-keygen, with the Certifier's vendor extensions, read back. */
class SshCertificateTest {
    @TempDir
    Path dir;

    @Test
    void readsIdentityValidityAndExtensions() throws Exception {
        String ca = key("ca");
        String user = key("user");
        Result signed = CliUser.run(Map.of(), "ssh-keygen", "-q", "-s", ca, "-I", "the-key-id", "-n", "p1,p2",
                "-z", "42", "-V", "20300101000000Z:20300101010000Z", "-O", "extension:uuid@webpaas=1234",
                "-O", "extension:token-id@webpaas=tok", user + ".pub");
        assertThat(signed.exitCode()).as(signed.toString()).isZero();

        SshCertificate certificate = SshCertificate.parse(Files.readString(Path.of(user + "-cert.pub")));

        assertThat(certificate.keyId()).isEqualTo("the-key-id");
        assertThat(certificate.serial()).isEqualTo(42);
        assertThat(certificate.principals()).containsExactly("p1", "p2");
        assertThat(certificate.validAfter()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(certificate.validBefore()).isEqualTo(Instant.parse("2030-01-01T01:00:00Z"));
        assertThat(certificate.userUuid()).isEqualTo("1234");
        assertThat(certificate.tokenId()).isEqualTo("tok");
        assertThat(certificate.extensions()).containsEntry("permit-pty", "");
    }

    @Test
    void somethingElseIsRefusedWithAMessage() throws Exception {
        String plainKey = Files.readString(Path.of(key("plain") + ".pub"));

        assertThatThrownBy(() -> SshCertificate.parse(plainKey)).isInstanceOf(CliException.class)
                .hasMessageStartingWith("Not an Ed25519 SSH certificate");
        assertThatThrownBy(() -> SshCertificate.parse(SshCertificate.TYPE + " AAAAAAAA"))
                .isInstanceOf(CliException.class).hasMessageStartingWith("Garbled SSH certificate");
    }

    private String key(String name) {
        String file = dir.resolve(name).toString();
        Result made = CliUser.run(Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file);
        assertThat(made.exitCode()).as(made.toString()).isZero();
        return file;
    }
}
