package io.webpaas.cli.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.cli.home.PrivateFiles;
import io.webpaas.cli.support.CliUser;
import io.webpaas.cli.support.CliUser.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files the CLI writes, checked by the real ssh-keygen: it reads them and signs with them. */
class SessionKeyPairTest {
    @TempDir
    Path dir;

    @Test
    void sshKeygenReadsThePrivateKeyAndItsSignaturesVerifyWithThePublicKey() throws Exception {
        SessionKeyPair keys = SessionKeyPair.generate("webpaas-cli test");
        Path privateKey = dir.resolve("id_ed25519");
        PrivateFiles.write(privateKey, keys.privateKeyPem());
        Path publicKey = dir.resolve("id_ed25519.pub");
        PrivateFiles.write(publicKey, keys.publicKeyLine());
        Path data = Files.writeString(dir.resolve("data"), "signed by the session key\n");

        Result derived = CliUser.run(Map.of(), "ssh-keygen", "-y", "-f", privateKey.toString());
        Result signed = CliUser.run(Map.of(), "ssh-keygen", "-Y", "sign", "-q", "-f", privateKey.toString(),
                "-n", "file", data.toString());
        Result checked = CliUser.run(Map.of(), "sh", "-c", "ssh-keygen -Y check-novalidate -n file -f " + publicKey
                + " -s " + data + ".sig < " + data);

        assertThat(derived.exitCode()).as(derived.toString()).isZero();
        assertThat(derived.stdout()).isEqualTo(keys.publicKeyLine());
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(checked.exitCode()).as(checked.toString()).isZero();
        assertThat(checked.stdout()).contains("Good \"file\" signature");
    }

    @Test
    void eachKeyPairIsNew() {
        assertThat(SessionKeyPair.generate("a").publicKeyLine()).isNotEqualTo(SessionKeyPair.generate("a").publicKeyLine());
    }
}
