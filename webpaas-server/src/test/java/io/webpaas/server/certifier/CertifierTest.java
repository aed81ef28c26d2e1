package io.webpaas.server.certifier;

import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.SshServer;
import io.webpaas.server.support.OpenSsh;
import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.config.SecretBox;
import io.webpaas.server.directory.Role;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.SshCertificates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Certifier end to end: real tokens, real HTTP, real {@code ssh-keygen}, {@code ssh} and {@code sshd}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CertifierTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    SecretBox secrets;
    @Autowired
    Certifier certifier;
    @Autowired
    TokenIntrospector introspector;
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
    void sshKeygenShowsTheCertificateContract() throws Exception {
        TestUser alice = users.create();
        String project = new DirectoryFixture(context).projectWith(alice.user(), Role.CONTRIBUTOR);
        Path key = openSsh.newKey("alice");
        Instant requested = Instant.now();

        String certificate = http.certificate(alice.accessToken(), openSsh.publicKey(key));

        assertThat(certificate).startsWith("ssh-ed25519-cert-v01@openssh.com ");
        String listing = openSsh.list(certificate);
        String uuid = alice.user().uuid().toString();
        assertThat(listing)
                .contains("user certificate")
                .contains("Key ID: \"" + uuid + "\"")
                .containsPattern("Principals: \\n\\s+" + uuid + "\\n\\s+Critical Options: \\(none\\)")
                .containsPattern("\\n\\s+permit-pty\\n")
                .containsPattern("\\n\\s+permit-port-forwarding\\n")
                .containsPattern("\\n\\s+permit-agent-forwarding\\n")
                .doesNotContain("permit-X11-forwarding")
                .doesNotContain("permit-user-rc");
        Map<String, String> vendor = vendorExtensions(listing);
        assertThat(vendor).containsOnlyKeys("uuid@webpaas", "amr@webpaas", "token-id@webpaas", "access@webpaas");
        assertThat(vendor).containsEntry("uuid@webpaas", uuid)
                .containsEntry("amr@webpaas", "[\"api_token\"]")
                .containsEntry("token-id@webpaas", jti(alice))
                .containsEntry("access@webpaas", "{\"" + project + "\":\"contributor\"}");

        // one hour, backdated by a minute for clock skew
        OpenSshCertificate parsed = SshCertificates.parse(certificate);
        assertThat(parsed.getValidBefore() - parsed.getValidAfter()).isEqualTo(3660);
        assertThat(parsed.getValidAfter()).isBetween(requested.getEpochSecond() - 61, Instant.now().getEpochSecond() - 59);
        assertThat(listing).contains("Valid: from " + SshKeygenTime.of(parsed.getValidAfter())
                + " to " + SshKeygenTime.of(parsed.getValidBefore()));
        assertThat(fingerprints(http.userAuthorities())).contains(KeyUtils.getFingerPrint(parsed.getCaPubKey()));
    }

    @Test
    void aTokenWithMfaPutsTheMfaTimeInTheCertificate() throws Exception {
        TestUser bob = users.createWithMfa();
        Long mfaVerified = introspector.introspect(bob.accessToken()).mfaVerified();

        String certificate = http.certificate(bob.accessToken(), openSsh.publicKey(openSsh.newKey("bob")));

        Map<String, String> vendor = vendorExtensions(openSsh.list(certificate));
        assertThat(mfaVerified).isNotNull();
        assertThat(vendor).containsEntry("mfa@webpaas", mfaVerified.toString())
                .containsEntry("access@webpaas", "{}");
        assertThat(vendor.get("amr@webpaas")).contains("\"mfa\"");
    }

    @Test
    void everyCertificateIssuedIsAudited() throws Exception {
        TestUser carol = users.create();

        OpenSshCertificate certificate = SshCertificates.parse(
                http.certificate(carol.accessToken(), openSsh.publicKey(openSsh.newKey("carol"))));

        AuditEvent event = audit.find("certificate.issued", carol.user().uuid(), null, 0, 10).getFirst();
        assertThat(event.outcome()).isEqualTo("success");
        assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(event.detail())
                .containsEntry("serial", Long.toUnsignedString(certificate.getSerial()))
                .containsEntry("key_id", carol.user().uuid().toString())
                .containsEntry("key_fingerprint", KeyUtils.getFingerPrint(certificate.getCertPubKey()))
                .containsEntry("token_id", jti(carol));
    }

    @Test
    void aRevokedTokenGetsNoCertificate() throws Exception {
        TestUser dave = users.create();
        String publicKey = openSsh.publicKey(openSsh.newKey("dave"));
        http.certificate(dave.accessToken(), publicKey);

        http.revoke(dave.accessToken());
        Instant revoked = Instant.now().minusSeconds(1);
        ApiClient.Response response = http.request(dave.accessToken(), Map.of("key", publicKey));

        assertRefused(response, 401, "invalid_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(audit.find("certificate.refused", null, null, 0, 50))
                .filteredOn(event -> !event.at().isBefore(revoked))
                .anySatisfy(event -> {
                    assertThat(event.outcome()).isEqualTo("failure");
                    assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
                    assertThat(event.detail()).containsEntry("status", 401).containsEntry("error", "invalid_token");
                });
    }

    @Test
    void missingAndUnknownTokensAreRefusedWith401() throws Exception {
        String body = "{\"key\": \"" + openSsh.publicKey(openSsh.newKey("anyone")) + "\"}";

        ApiClient.Response missing = http.request(null, body);
        assertRefused(missing, 401, "unauthorized");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        for (String token : List.of("not-a-token", "wpat_" + "A".repeat(43))) {
            ApiClient.Response unknown = http.request(token, body);
            assertRefused(unknown, 401, "invalid_token");
            assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void badInputIsRefusedWithAStatusAndAJsonError() throws Exception {
        TestUser erin = users.create();
        String token = erin.accessToken();
        Path key = openSsh.newKey("erin");
        String certificate = http.certificate(token, openSsh.publicKey(key));
        Path rsa1024 = dir.resolve("rsa1024");
        OpenSsh.run("ssh-keygen", "-q", "-t", "rsa", "-b", "1024", "-N", "", "-f", rsa1024.toString());
        String dsa = "ssh-dss " + Base64.getEncoder().encodeToString(sshString("ssh-dss")) + " old";
        byte[] ed25519Blob = Base64.getDecoder().decode(openSsh.publicKey(key).split(" ")[1]);
        byte[] point = java.util.Arrays.copyOfRange(ed25519Blob, ed25519Blob.length - 32, ed25519Blob.length);
        String securityKey = "sk-ssh-ed25519@openssh.com " + Base64.getEncoder().encodeToString(concat(
                sshString("sk-ssh-ed25519@openssh.com"), sshBytes(point), sshString("ssh:"))) + " yubikey";

        assertRefused(http.request(token, "{not json"), 400, "invalid_request");
        assertRefused(http.request(token, "[]"), 400, "invalid_request");
        assertRefused(http.request(token, ""), 400, "invalid_request");
        assertRefused(http.request(token, "{}"), 400, "invalid_request");
        assertDescribed(http.request(token, Map.of("key", "hello world")), "invalid_key", "");
        assertDescribed(http.request(token, Map.of("key", Files.readString(key))), "invalid_key", "private key");
        assertDescribed(http.request(token, Map.of("key", certificate)), "invalid_key", "certificate");
        assertDescribed(http.request(token, Map.of("key", dsa)), "invalid_key", "DSA");
        assertDescribed(http.request(token, Map.of("key", openSsh.publicKey(rsa1024))), "invalid_key", "2048");
        assertDescribed(http.request(token, Map.of("key", securityKey)), "invalid_key", "not supported");
        assertRefused(http.request(token, "{\"key\": \"" + "A".repeat(17 * 1024) + "\"}"), 413, "request_too_large");
        assertThat(audit.find("certificate.refused", erin.user().uuid(), null, 0, 50))
                .hasSize(11)
                .allSatisfy(event -> assertThat(event.detail()).containsKeys("status", "error", "reason", "token_id"));
    }

    @Test
    void aBodyWithoutContentLengthIsReadWholeAndStillLimited() throws Exception {
        TestUser ivan = users.create();
        String key = openSsh.publicKey(openSsh.newKey("ivan"));

        ApiClient.Response chunked = http.requestChunked(ivan.accessToken(), "{\"key\": \"" + key + "\"}");
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(200);
        assertThat(chunked.json().path("certificate").asString()).startsWith("ssh-ed25519-cert-v01@openssh.com ");
        assertRefused(http.requestChunked(ivan.accessToken(), "{\"key\": \"" + "A".repeat(17 * 1024) + "\"}"), 413,
                "request_too_large");
    }

    @Test
    void requestsBeyondTheCertifierThreadsWaitTheirTurnAndEachGetsItsOwnCertificate() throws Exception {
        TestUser judy = users.create();
        String token = judy.accessToken();
        // four times the certifier threads (twice the CPUs): most requests wait in the queue
        int requests = 8 * Runtime.getRuntime().availableProcessors();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            keys.add(openSsh.publicKey(openSsh.newKey("judy" + i)));
        }

        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
            for (String key : keys) {
                answers.add(clients.submit(() -> http.request(token, Map.of("key", key))));
            }
        }

        for (int i = 0; i < requests; i++) {
            ApiClient.Response answer = answers.get(i).get();
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            OpenSshCertificate certificate = SshCertificates.parse(answer.json().path("certificate").asString());
            assertThat(KeyUtils.getFingerPrint(certificate.getCertPubKey()))
                    .isEqualTo(KeyUtils.getFingerPrint(
                            PublicKeyEntry.parsePublicKeyEntry(keys.get(i)).resolvePublicKey(null, null, null)));
        }
        assertThat(audit.find("certificate.issued", judy.user().uuid(), null, 0, 2 * requests)).hasSize(requests);
    }

    @Test
    void onlyStaffMayAskForARegionAndATicketAndStaffMustGiveBoth() throws Exception {
        TestUser frank = users.create();
        TestUser sam = users.createStaff();
        String key = openSsh.publicKey(openSsh.newKey("staff"));

        assertRefused(http.request(frank.accessToken(), Map.of("key", key, "region", "local")), 403, "access_denied");
        assertRefused(http.request(frank.accessToken(), Map.of("key", key, "ticket", "T-1")), 403, "access_denied");
        assertRefused(http.request(sam.accessToken(), Map.of("key", key)), 403, "access_denied");
        assertRefused(http.request(sam.accessToken(), Map.of("key", key, "region", "local")), 403, "access_denied");
        assertRefused(http.request(sam.accessToken(), Map.of("key", key, "ticket", "T-1")), 403, "access_denied");
        assertRefused(http.request(sam.accessToken(), Map.of("key", key, "region", "local", "ticket", "a b")), 400,
                "invalid_request");

        ApiClient.Response granted = http.request(sam.accessToken(),
                Map.of("key", key, "region", "eu-3", "ticket", "SUP-1234"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        Map<String, String> vendor = vendorExtensions(openSsh.list(granted.json().path("certificate").asString()));
        assertThat(vendor).containsEntry("staff@webpaas", sam.username())
                .containsEntry("region@webpaas", "eu-3")
                .containsEntry("ticket@webpaas", "SUP-1234");
        assertThat(audit.find("certificate.issued", sam.user().uuid(), null, 0, 1).getFirst().detail())
                .containsEntry("ticket", "SUP-1234").containsEntry("region", "eu-3");
    }

    @Test
    void opensshSshdAcceptsAnIssuedCertificateAndRefusesOneFromAForeignCa() throws Exception {
        TestUser grace = users.create();
        String principal = grace.user().uuid().toString();
        Path key = openSsh.newKey("grace");
        Path certificate = openSsh.writeCertificate(key, http.certificate(grace.accessToken(), openSsh.publicKey(key)));
        Path foreignCa = openSsh.newKey("foreign-ca");
        Path foreignKey = openSsh.newKey("foreign");
        String foreignCertificate = openSsh.signWith(foreignCa, foreignKey, principal, principal);

        try (SshServer sshd = SshServer.start(dir, http.userAuthorities(), principal)) {
            assertThat(sshd.login(key, certificate).exitCode()).as(sshd.log()).isZero();
            OpenSsh.Result foreign = sshd.login(foreignKey, Path.of(foreignKey + "-cert.pub"));
            assertThat(foreign.exitCode()).isEqualTo(255);
            assertThat(foreign.output()).contains("Permission denied");
            String foreignCaFingerprint = KeyUtils.getFingerPrint(SshCertificates.parse(foreignCertificate).getCaPubKey());
            assertThat(sshd.log()).containsPattern("Failed publickey for \\S+ from 127.0.0.1 .* CA ED25519 "
                    + Pattern.quote(foreignCaFingerprint));
        }
    }

    @Test
    void caPrivateKeysAreSealedAtRest() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT purpose, public_key, private_key FROM ssh_authorities")
                .query().listOfRows();

        assertThat(rows).extracting(row -> row.get("purpose").toString()).contains("user", "host", "internal");
        for (Map<String, Object> row : rows) {
            String stored = (String) row.get("private_key");
            AuthorityPurpose purpose = AuthorityPurpose.fromWire((String) row.get("purpose"));
            byte[] pkcs8 = secrets.open(purpose.sealPurpose(), stored);
            byte[] storedBytes = Base64.getDecoder().decode(stored.substring("v1:".length()));
            assertThat(stored).startsWith("v1:").doesNotContain(Base64.getEncoder().encodeToString(pkcs8));
            // not even the 32-byte Ed25519 seed at the end of the PKCS#8 form appears in what is stored
            byte[] seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
            assertThat(HexFormat.of().formatHex(storedBytes)).doesNotContain(HexFormat.of().formatHex(seed));
            assertThat(CertificateAuthority.fromPkcs8(pkcs8, "").publicKeyLine())
                    .isEqualTo(withoutComment((String) row.get("public_key")));
        }
    }

    @Test
    void hostAndInternalCertificatesComeFromTheirOwnCas() throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair gatewayKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);

        String host = SshCertificates.format(certifier.signHost(hostKey.getPublic(), "gateway-1",
                List.of("127.0.0.1", "ssh.example.test"), Duration.ofDays(7)));
        String internal = SshCertificates.format(certifier.signInternal(gatewayKey.getPublic(), "gateway-1 for alice",
                List.of("web"), Map.of("permit-pty", "", "uuid@webpaas", "u-1"), Duration.ofMinutes(5)));

        String hostListing = openSsh.list(host);
        assertThat(hostListing).contains("host certificate").contains("Key ID: \"gateway-1\"")
                .containsPattern("Principals: \\n\\s+127.0.0.1\\n\\s+ssh.example.test\\n");
        assertThat(caFingerprint(hostListing)).isIn(fingerprints(http.hostAuthorities()));
        String internalListing = openSsh.list(internal);
        assertThat(internalListing).contains("user certificate").containsPattern("Principals: \\n\\s+web\\n");
        assertThat(vendorExtensions(internalListing)).containsEntry("uuid@webpaas", "u-1");
        assertThat(caFingerprint(internalListing))
                .isNotIn(fingerprints(http.userAuthorities()))
                .isNotIn(fingerprints(http.hostAuthorities()));
    }

    private String jti(TestUser user) {
        return introspector.introspect(user.accessToken()).jti();
    }

    private static void assertRefused(ApiClient.Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("error").asString()).isEqualTo(error);
        assertThat(response.json().path("error_description").asString()).isNotBlank();
    }

    private static void assertDescribed(ApiClient.Response response, String error, String descriptionPart) {
        assertRefused(response, 400, error);
        assertThat(response.json().path("error_description").asString()).containsIgnoringCase(descriptionPart);
    }

    /** Vendor extensions as {@code ssh-keygen -L} shows them: the name, then the hex of an SSH string. */
    static Map<String, String> vendorExtensions(String listing) {
        Map<String, String> found = new TreeMap<>();
        Matcher matcher = Pattern.compile("\\n\\s+(\\S+@webpaas) UNKNOWN OPTION: ([0-9a-f]+) \\(len \\d+\\)")
                .matcher(listing);
        while (matcher.find()) {
            ByteBuffer data = ByteBuffer.wrap(HexFormat.of().parseHex(matcher.group(2)));
            byte[] value = new byte[data.getInt()];
            data.get(value);
            assertThat(data.hasRemaining()).as("one SSH string per extension").isFalse();
            found.put(matcher.group(1), new String(value, StandardCharsets.UTF_8));
        }
        return found;
    }

    static String withoutComment(String publicKeyLine) {
        String[] parts = publicKeyLine.split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String caFingerprint(String listing) {
        Matcher matcher = Pattern.compile("Signing CA: ED25519 (SHA256:\\S+)").matcher(listing);
        assertThat(matcher.find()).as(listing).isTrue();
        return matcher.group(1);
    }

    private static List<String> fingerprints(List<String> publicKeyLines) throws Exception {
        List<String> fingerprints = new ArrayList<>();
        for (String line : publicKeyLines) {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
            fingerprints.add(KeyUtils.getFingerPrint(key));
        }
        return fingerprints;
    }

    private static byte[] sshString(String value) {
        return sshBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sshBytes(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(part -> part.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
