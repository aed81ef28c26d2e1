package io.webpaas.server.keys;

import static io.webpaas.server.support.DirectoryFixture.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.directory.Organizations;
import io.webpaas.server.directory.ProjectAdministration;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.support.OpenSsh;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyRegistryTest {
    @Autowired
    KeyRegistry registry;
    @Autowired
    Users users;
    @Autowired
    Organizations organizations;
    @Autowired
    ProjectAdministration administration;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    DirectoryFixture fixture;
    OpenSsh keygen;
    User alice;

    @BeforeEach
    void setUp() {
        fixture = new DirectoryFixture(users, organizations, administration);
        keygen = new OpenSsh(dir);
        alice = fixture.user("alice");
    }

    @Test
    void registersAnAccountKeyPastedWithMessyWhitespace() {
        Path keyFile = keygen.newKey("alice@laptop", "ed25519", 256);
        String line = keygen.publicKey(keyFile);
        String messy = "  \n" + line.substring(0, 40) + "\n  " + line.substring(40).replace(" alice", "\t\talice")
                + "\r\n\n";

        SshKey key = registry.addAccountKey(actor(alice), new NewKey(null, messy));

        assertThat(key.publicKey()).isEqualTo(line);
        assertThat(key.title()).as("defaults to the comment").isEqualTo("alice@laptop");
        assertThat(key.keyType()).isEqualTo("ssh-ed25519");
        assertThat(registry.accountKeys(alice.uuid())).singleElement().satisfies(listed -> {
            assertThat(listed.sha256Fingerprint()).isEqualTo(keygen.fingerprint(keyFile, "sha256"));
            assertThat(listed.md5Fingerprint()).isEqualTo(keygen.fingerprint(keyFile, "md5"));
            assertThat(listed.addedAt()).isNotNull();
            assertThat(listed.lastUsedAt()).isNull();
        });
        assertThat(audit.find("key.add", alice.uuid(), null, 0, 1)).singleElement()
                .satisfies(event -> assertThat(event.detail()).containsEntry("fingerprint", key.sha256Fingerprint()));
    }

    @Test
    void refusesEachKindOfBadKeyWithItsOwnMessage() {
        Path rsa1024 = keygen.newKey("old", "rsa", 1024);
        Path dsa = keygen.newKey("older", "dsa", 1024);
        Path ed25519 = keygen.newKey("alice", "ed25519", 256);
        String certificate = keygen.signWith(keygen.newKey("ca"), ed25519, "someone", "someone");

        assertRefused(keygen.publicKey(rsa1024), HttpStatus.BAD_REQUEST).hasMessageContaining("only 1024 bits");
        assertRefused(keygen.publicKey(dsa), HttpStatus.BAD_REQUEST).hasMessageContaining("DSA");
        assertRefused(OpenSsh.read(ed25519), HttpStatus.BAD_REQUEST)
                .hasMessage("This is a private key; paste the public key (the .pub file) instead");
        assertRefused(certificate, HttpStatus.BAD_REQUEST).hasMessageContaining("certificate");
        assertRefused("ssh-foo AAAAB3NzaC1mb28= me", HttpStatus.BAD_REQUEST).hasMessageContaining("not supported");
        assertRefused("my key", HttpStatus.BAD_REQUEST).hasMessageContaining("not an OpenSSH public key");
        assertRefused(" ", HttpStatus.BAD_REQUEST).hasMessageContaining("key is required");

        assertThat(registry.accountKeys(alice.uuid())).isEmpty();
        assertThat(audit.find("key.add", alice.uuid(), null, 0, 10)).hasSize(7)
                .allSatisfy(event -> assertThat(event.outcome()).isEqualTo("failure"));
    }

    @Test
    void refusesTheSameKeyTwiceInOneAccountEvenWithAnotherComment() {
        String line = keygen.publicKey(keygen.newKey("first", "ecdsa", 256));
        registry.addAccountKey(actor(alice), new NewKey("work", line));

        assertRefused(line.replace("first", "second"), HttpStatus.CONFLICT)
                .hasMessageContaining("already registered to your account as 'work'");
        User bob = fixture.user("bob");
        assertThat(registry.addAccountKey(actor(bob), new NewKey(null, line))).as("another account may").isNotNull();
    }

    @Test
    void deletesOnlyTheCallersOwnKeys() {
        SshKey key = registry.addAccountKey(actor(alice),
                new NewKey("laptop", keygen.publicKey(keygen.newKey("a", "rsa", 2048))));
        User mallory = fixture.user("mallory");

        assertStatus(() -> registry.deleteAccountKey(actor(mallory), key.id()), HttpStatus.NOT_FOUND);
        registry.deleteAccountKey(actor(alice), key.id());

        assertThat(registry.accountKeys(alice.uuid())).isEmpty();
        assertThat(audit.find("key.delete", alice.uuid(), null, 0, 1)).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo("success"));
    }

    @Test
    void projectKeysAreForProjectAdminsAndTheGatewayFindsThemByFingerprint() {
        String projectId = fixture.project(alice).project().id();
        User viewer = fixture.user("viewer");
        User stranger = fixture.user("stranger");
        administration.setMember(actor(alice), projectId, viewer.username(), "viewer");
        Path keyFile = keygen.newKey("deploy@ci", "ed25519", 256);
        NewKey deploy = new NewKey("CI deploy", keygen.publicKey(keyFile));

        assertStatus(() -> registry.addProjectKey(actor(viewer), projectId, deploy), HttpStatus.FORBIDDEN);
        assertStatus(() -> registry.projectKeys(actor(stranger), projectId), HttpStatus.NOT_FOUND);
        SshKey projectKey = registry.addProjectKey(actor(alice), projectId, deploy);
        SshKey accountKey = registry.addAccountKey(actor(alice), deploy);
        assertStatus(() -> registry.addProjectKey(actor(alice), projectId, deploy), HttpStatus.CONFLICT);

        assertThat(registry.projectKeys(actor(alice), projectId)).extracting(SshKey::id)
                .containsExactly(projectKey.id());
        String fingerprint = keygen.fingerprint(keyFile, "sha256");
        assertThat(registry.findBySha256Fingerprint(fingerprint)).extracting(SshKey::id)
                .containsExactlyInAnyOrder(projectKey.id(), accountKey.id());
        registry.markUsed(projectKey.id());
        assertThat(registry.projectKeys(actor(alice), projectId).getFirst().lastUsedAt()).isNotNull();

        registry.deleteProjectKey(actor(alice), projectId, projectKey.id());
        assertThat(registry.findBySha256Fingerprint(fingerprint)).extracting(SshKey::id)
                .containsExactly(accountKey.id());
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String pasted, HttpStatus status) {
        return assertStatus(() -> registry.addAccountKey(actor(alice), new NewKey(null, pasted)), status);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertStatus(ThrowingCallable call,
                                                                               HttpStatus status) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.status()).isEqualTo(status));
    }
}
