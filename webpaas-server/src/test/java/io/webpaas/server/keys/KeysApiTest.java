package io.webpaas.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.directory.Organizations;
import io.webpaas.server.directory.ProjectAdministration;
import io.webpaas.server.directory.Users;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.ApiClient.Response;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.server.support.OpenSsh;
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
    OpenSsh keygen;
    TestUser alice;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testUsers = new TestUsers(context);
        keygen = new OpenSsh(dir);
        alice = testUsers.create();
    }

    @Test
    void addsAMessyPasteAndListsItWithSshKeygensFingerprints() {
        Path keyFile = keygen.newKey("alice@laptop", "rsa", 3072);
        String line = keygen.publicKey(keyFile);
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
            assertThat(key.path("fingerprint_sha256").asString()).isEqualTo(keygen.fingerprint(keyFile, "sha256"));
            assertThat(key.path("fingerprint_md5").asString()).isEqualTo(keygen.fingerprint(keyFile, "md5"));
            assertThat(key.path("added_at").asString()).isNotEmpty();
            assertThat(key.has("last_used_at")).isTrue();
            assertThat(key.path("last_used_at").isNull()).isTrue();
        });
    }

    @Test
    void refusesEveryKindOfBadKeyWithAMessageSayingWhich() {
        Path ed25519 = keygen.newKey("alice", "ed25519", 256);
        String certificate = keygen.signWith(keygen.newKey("ca"), ed25519, "someone", "someone");
        Map<String, String> refusals = Map.of(
                OpenSsh.read(ed25519), "This is a private key; paste the public key",
                keygen.publicKey(keygen.newKey("old", "dsa", 1024)), "DSA (ssh-dss) keys are refused",
                keygen.publicKey(keygen.newKey("old", "rsa", 1024)), "This RSA key has only 1024 bits",
                certificate, "This is an SSH certificate",
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
        String key = keygen.publicKey(keygen.newKey("alice@desk", "ecdsa", 384));
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
        Path keyFile = keygen.newKey("deploy@ci", "ed25519", 256);
        Map<String, String> deploy = Map.of("title", "CI", "key", keygen.publicKey(keyFile));

        Response added = api.post(keys, alice.accessToken(), deploy);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(api.post(keys, alice.accessToken(), deploy).status()).isEqualTo(409);
        Response listed = api.get(keys, alice.accessToken());
        assertThat(listed.json().path("ssh_destination").asString())
                .isEqualTo(projectId + "@" + properties.sshHost());
        assertThat(listed.json().path("ssh_port").asInt()).isEqualTo(properties.sshPort());
        assertThat(listed.json().path("keys")).singleElement().satisfies(key ->
                assertThat(key.path("fingerprint_sha256").asString()).isEqualTo(keygen.fingerprint(keyFile, "sha256")));

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
