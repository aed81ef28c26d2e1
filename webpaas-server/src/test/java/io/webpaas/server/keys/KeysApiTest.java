package io.webpaas.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.directory.DirectoryFixture;
import io.webpaas.server.directory.Organizations;
import io.webpaas.server.directory.ProjectAdministration;
import io.webpaas.server.directory.Users;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.ApiClient.Response;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Account and project keys over real HTTP, with keys from the real ssh-keygen. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeysApiTest {
    private static final String MY_KEYS = "/api/v1/me/keys";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Users users;
    @Autowired
    Organizations organizations;
    @Autowired
    ProjectAdministration administration;
    @Autowired
    WebpaasProperties properties;
    @TempDir
    Path dir;

    ApiClient api;
    TestUsers testUsers;
    SshKeygen keygen;
    TestUser alice;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testUsers = new TestUsers(context);
        keygen = new SshKeygen(dir);
        alice = testUsers.create();
    }

    @Test
    void addsAMessyPasteAndListsItWithSshKeygensFingerprints() {
        Path pub = keygen.generate("rsa", 3072, "alice@laptop");
        String line = SshKeygen.read(pub).strip();
        String[] parts = line.split(" ");
        String messy = "\n  " + parts[0] + "   " + parts[1].substring(0, 64) + "\n" + parts[1].substring(64, 300)
                + "\r\n" + parts[1].substring(300) + " \t " + parts[2] + "\n\n";

        Response added = api.post(MY_KEYS, alice.accessToken(), Map.of("title", "Laptop", "key", messy));

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("public_key").asString()).isEqualTo(line);
        Response listed = api.get(MY_KEYS, alice.accessToken());
        assertThat(listed.json().path("keys")).singleElement().satisfies(key -> {
            assertThat(key.path("id").asString()).isEqualTo(added.json().path("id").asString());
            assertThat(key.path("title").asString()).isEqualTo("Laptop");
            assertThat(key.path("key_type").asString()).isEqualTo("ssh-rsa");
            assertThat(key.path("fingerprint_sha256").asString()).isEqualTo(keygen.fingerprint(pub, "sha256"));
            assertThat(key.path("fingerprint_md5").asString()).isEqualTo(keygen.fingerprint(pub, "md5"));
            assertThat(key.path("added_at").asString()).isNotEmpty();
            assertThat(key.has("last_used_at")).isTrue();
            assertThat(key.path("last_used_at").isNull()).isTrue();
        });
    }

    @Test
    void refusesEveryKindOfBadKeyWithAMessageSayingWhich() {
        Path ed25519 = keygen.generate("ed25519", 256, "alice");
        Path certificate = keygen.certify(SshKeygen.privateKeyOf(keygen.generate("ed25519", 256, "ca")), ed25519);
        Map<String, String> refusals = Map.of(
                SshKeygen.read(SshKeygen.privateKeyOf(ed25519)), "This is a private key; paste the public key",
                SshKeygen.read(keygen.generate("dsa", 1024, "old")), "DSA (ssh-dss) keys are refused",
                SshKeygen.read(keygen.generate("rsa", 1024, "old")), "This RSA key has only 1024 bits",
                SshKeygen.read(certificate), "This is an SSH certificate",
                "ssh-foo AAAAB3NzaC1mb28= me", "Keys of type 'ssh-foo' are not supported",
                "this is not a key", "This is not an OpenSSH public key");

        refusals.forEach((pasted, message) -> {
            Response refused = api.post(MY_KEYS, alice.accessToken(), Map.of("key", pasted));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_request");
            assertThat(refused.json().path("error_description").asString()).startsWith(message);
        });
        assertThat(api.post(MY_KEYS, alice.accessToken(), Map.of("title", "none")).json()
                .path("error_description").asString()).startsWith("key is required");
        assertThat(api.get(MY_KEYS, alice.accessToken()).json().path("keys")).isEmpty();
    }

    @Test
    void aDuplicateIsA409AndDeletionRemovesTheKey() {
        String key = SshKeygen.read(keygen.generate("ecdsa", 384, "alice@desk"));
        String id = api.post(MY_KEYS, alice.accessToken(), Map.of("key", key)).json().path("id").asString();

        Response duplicate = api.post(MY_KEYS, alice.accessToken(), Map.of("title", "again", "key", " " + key));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("error_description").asString())
                .contains("already registered to your account as 'alice@desk'");

        TestUser bob = testUsers.create();
        assertThat(api.delete(MY_KEYS + "/" + id, bob.accessToken()).status()).as("not bob's").isEqualTo(404);
        assertThat(api.delete(MY_KEYS + "/" + id, alice.accessToken()).status()).isEqualTo(204);
        assertThat(api.get(MY_KEYS, alice.accessToken()).json().path("keys")).isEmpty();
        assertThat(api.delete(MY_KEYS + "/" + id, alice.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void projectKeysAreManagedByProjectAdminsOnly() {
        DirectoryFixture fixture = new DirectoryFixture(users, organizations, administration);
        String projectId = fixture.project(alice.user()).project().id();
        String keys = "/api/v1/projects/" + projectId + "/keys";
        TestUser viewer = testUsers.create();
        TestUser contributor = testUsers.create();
        TestUser stranger = testUsers.create();
        Actor admin = DirectoryFixture.actor(alice.user());
        administration.setMember(admin, projectId, viewer.username(), "viewer");
        administration.setMember(admin, projectId, contributor.username(), "contributor");
        Path pub = keygen.generate("ed25519", 256, "deploy@ci");
        Map<String, String> deploy = Map.of("title", "CI", "key", SshKeygen.read(pub));

        Response added = api.post(keys, alice.accessToken(), deploy);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(api.post(keys, alice.accessToken(), deploy).status()).isEqualTo(409);
        Response listed = api.get(keys, alice.accessToken());
        assertThat(listed.json().path("ssh_destination").asString())
                .isEqualTo(projectId + "@" + properties.sshHost());
        assertThat(listed.json().path("ssh_port").asInt()).isEqualTo(properties.sshPort());
        assertThat(listed.json().path("keys")).singleElement().satisfies(key ->
                assertThat(key.path("fingerprint_sha256").asString()).isEqualTo(keygen.fingerprint(pub, "sha256")));

        String keyPath = keys + "/" + added.json().path("id").asString();
        for (TestUser member : List.of(viewer, contributor)) {
            assertThat(api.get(keys, member.accessToken()).status()).isEqualTo(403);
            assertThat(api.post(keys, member.accessToken(), deploy).status()).isEqualTo(403);
            assertThat(api.delete(keyPath, member.accessToken()).status()).isEqualTo(403);
        }
        assertThat(api.get(keys, stranger.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete(keyPath, stranger.accessToken()).status()).isEqualTo(404);

        assertThat(api.delete(keyPath, alice.accessToken()).status()).isEqualTo(204);
        assertThat(api.get(keys, alice.accessToken()).json().path("keys")).isEmpty();
    }
}
