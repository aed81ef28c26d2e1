package io.webpaas.sshca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.webpaas.sshca.InvalidPublicKeyException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every key here is made by the real ssh-keygen, and every fingerprint is checked against its output. */
class SshPublicKeyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "ed25519, 256, ssh-ed25519",
            "ecdsa, 256, ecdsa-sha2-nistp256",
            "ecdsa, 384, ecdsa-sha2-nistp384",
            "ecdsa, 521, ecdsa-sha2-nistp521",
            "rsa, 2048, ssh-rsa",
            "rsa, 4096, ssh-rsa"})
    void acceptsKeysThatSshKeygenMakes(String algorithm, int bits, String type) throws Exception {
        Path pub = generate(algorithm, bits, "alice@laptop");

        SshPublicKey key = SshPublicKey.parse(Files.readString(pub));

        assertThat(key.type()).isEqualTo(type);
        assertThat(key.comment()).isEqualTo("alice@laptop");
        assertThat(key.openSsh()).isEqualTo(Files.readString(pub).strip());
        assertThat(key.sha256Fingerprint()).isEqualTo(sshKeygenFingerprint(pub, "sha256"));
        assertThat(key.md5Fingerprint()).isEqualTo(sshKeygenFingerprint(pub, "md5"));
        assertThat(key.publicKey().getAlgorithm()).isIn("Ed25519", "EdDSA", "EC", "RSA");
    }

    @Test
    void normalizesAKeyPastedWithExtraWhitespaceAndWrappedOverLines() throws Exception {
        Path pub = generate("ed25519", 256, "alice@laptop");
        String[] parts = Files.readString(pub).strip().split(" ");
        String data = parts[1];
        String messy = "\n\t  " + parts[0] + " \t\r\n " + data.substring(0, 20) + "\r\n" + data.substring(20, 45)
                + "\n  " + data.substring(45) + "   \t" + parts[2] + "  \n\n";

        SshPublicKey key = SshPublicKey.parse(messy);

        assertThat(key.openSsh()).isEqualTo(Files.readString(pub).strip());
        assertThat(key.sha256Fingerprint()).isEqualTo(sshKeygenFingerprint(pub, "sha256"));
    }

    @Test
    void keepsAMultiWordCommentWithSingleSpacesAndAcceptsNoComment() throws Exception {
        Path pub = generate("ed25519", 256, "");
        String line = Files.readString(pub).strip();

        SshPublicKey withoutComment = SshPublicKey.parse(line);
        SshPublicKey withComment = SshPublicKey.parse(line + "   work   laptop\t(2026)");

        assertThat(withoutComment.comment()).isEmpty();
        assertThat(withoutComment.openSsh()).isEqualTo(line);
        assertThat(withComment.comment()).isEqualTo("work laptop (2026)");
        assertThat(withComment.openSshWithoutComment()).isEqualTo(line);
        assertThat(withComment).isEqualTo(withoutComment).hasSameHashCodeAs(withoutComment);
    }

    @Test
    void acceptsASecurityKeyBackedEd25519Key() throws Exception {
        // ssh-keygen needs the hardware to make one, so build the public blob it would write.
        String ed25519 = Files.readString(generate("ed25519", 256, "")).strip().split(" ")[1];
        byte[] point = new byte[32];
        System.arraycopy(Base64.getDecoder().decode(ed25519), 19, point, 0, 32);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(blob);
        writeString(out, "sk-ssh-ed25519@openssh.com".getBytes(StandardCharsets.US_ASCII));
        writeString(out, point);
        writeString(out, "ssh:".getBytes(StandardCharsets.US_ASCII));
        Path pub = dir.resolve("sk.pub");
        Files.writeString(pub, "sk-ssh-ed25519@openssh.com " + Base64.getEncoder().encodeToString(blob.toByteArray())
                + " yubikey\n");

        SshPublicKey key = SshPublicKey.parse(Files.readString(pub));

        assertThat(key.type()).isEqualTo("sk-ssh-ed25519@openssh.com");
        assertThat(key.sha256Fingerprint()).isEqualTo(sshKeygenFingerprint(pub, "sha256"));
        assertThat(key.md5Fingerprint()).isEqualTo(sshKeygenFingerprint(pub, "md5"));
    }

    @Test
    void refusesRsaUnder2048BitsSayingItsSize() throws Exception {
        Path pub = generate("rsa", 1024, "old@box");

        assertRefused(() -> SshPublicKey.parse(Files.readString(pub)), Reason.WEAK_RSA)
                .hasMessageContaining("only 1024 bits").hasMessageContaining("at least 2048");
    }

    @Test
    void refusesDsa() throws Exception {
        Path pub = generate("dsa", 1024, "old@box");

        assertRefused(() -> SshPublicKey.parse(Files.readString(pub)), Reason.DSA)
                .hasMessageContaining("DSA").hasMessageContaining("ssh-keygen -t ed25519");
    }

    @Test
    void refusesAPrivateKeyWholeOrJustItsBody() throws Exception {
        Path pub = generate("ed25519", 256, "alice@laptop");
        String privateKey = Files.readString(dir.resolve(pub.getFileName().toString().replace(".pub", "")));
        String body = privateKey.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);

        assertRefused(() -> SshPublicKey.parse(privateKey), Reason.PRIVATE_KEY)
                .hasMessage("This is a private key; paste the public key (the .pub file) instead");
        assertRefused(() -> SshPublicKey.parse(body), Reason.PRIVATE_KEY);
    }

    @Test
    void refusesACertificate() throws Exception {
        Path ca = generate("ed25519", 256, "ca");
        Path pub = generate("ed25519", 256, "alice@laptop");
        run("ssh-keygen", "-q", "-s", ca.toString().replace(".pub", ""), "-I", "alice", "-n", "alice",
                "-V", "+1h", pub.toString());
        Path certificate = dir.resolve(pub.getFileName().toString().replace(".pub", "-cert.pub"));

        assertRefused(() -> SshPublicKey.parse(Files.readString(certificate)), Reason.CERTIFICATE)
                .hasMessageContaining("certificate").hasMessageContaining("without -cert");
    }

    @Test
    void refusesAnUnsupportedKeyType() {
        assertRefused(() -> SshPublicKey.parse("ssh-xmss@openssh.com AAAAFHNzaC14bXNzQG9wZW5zc2guY29tAAAA me"),
                Reason.UNSUPPORTED).hasMessageContaining("'ssh-xmss@openssh.com' are not supported");
    }

    @Test
    void refusesGarbageWithAHintOfWhatToPaste() throws Exception {
        String line = Files.readString(generate("ed25519", 256, "alice@laptop")).strip();
        String[] parts = line.split(" ");

        assertRefused(() -> SshPublicKey.parse("hello world, this is my key"), Reason.MALFORMED)
                .hasMessageContaining(".pub");
        assertRefused(() -> SshPublicKey.parse("  \n "), Reason.MALFORMED).hasMessageContaining("empty");
        assertRefused(() -> SshPublicKey.parse(parts[1] + " " + parts[2]), Reason.MALFORMED)
                .hasMessageContaining("type is missing");
        assertRefused(() -> SshPublicKey.parse(parts[0] + " " + parts[1].substring(0, 40) + " " + parts[2]),
                Reason.MALFORMED).hasMessageContaining("damaged or incomplete");
        assertRefused(() -> SshPublicKey.parse(parts[0] + " AAAA!!notbase64"), Reason.MALFORMED);
        assertRefused(() -> SshPublicKey.parse("ssh-rsa " + parts[1]), Reason.MALFORMED)
                .hasMessageContaining("says 'ssh-rsa' but the key data is a 'ssh-ed25519' key");
    }

    @Test
    void refusesAHugePasteOfBase64PiecesQuickly() {
        String huge = "ssh-ed25519 " + "AAAA ".repeat(4000);

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertRefused(() -> SshPublicKey.parse(huge), Reason.MALFORMED));
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ThrowingCallable parse, Reason reason) {
        return assertThatThrownBy(parse)
                .isInstanceOfSatisfying(InvalidPublicKeyException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private Path generate(String algorithm, int bits, String comment) throws Exception {
        Path file = dir.resolve(algorithm + bits + "-" + System.nanoTime());
        run("ssh-keygen", "-q", "-t", algorithm, "-b", Integer.toString(bits), "-N", "", "-C", comment,
                "-f", file.toString());
        return Path.of(file + ".pub");
    }

    private static String sshKeygenFingerprint(Path pub, String hash) throws Exception {
        // "256 SHA256:abc... comment (ED25519)"
        return run("ssh-keygen", "-l", "-E", hash, "-f", pub.toString()).split(" ")[1];
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
