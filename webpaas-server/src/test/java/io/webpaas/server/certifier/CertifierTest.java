package io.webpaas.server.certifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.config.SecretBox;
import io.webpaas.server.directory.Role;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.tokens.ApiTokens;
import io.webpaas.sshca.CertificateAuthority;
import io.webpaas.sshca.SshCertificates;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Certifier end to end: real tokens, real HTTP, real {@code ssh-keygen}, {@code ssh} and {@code sshd}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CertifierTest {
    @LocalServerPort
    int port;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    SecretBox secrets;
    @Autowired
    Certifier certifier;
    @Autowired
    ApiTokens apiTokens;
    @Autowired
    TokenIntrospector introspector;
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
    void sshKeygenShowsTheCertificateContract() throws Exception {
        User alice = people.user();
        String project = people.projectWith(alice, Role.CONTRIBUTOR);
        TestTokens.Issued token = tokens.issue(alice, null);
        Path key = openSsh.newKey("alice");
        Instant requested = Instant.now();

        String certificate = http.certificate(token.accessToken(), openSsh.publicKey(key));

        assertThat(certificate).startsWith("ssh-ed25519-cert-v01@openssh.com ");
        String listing = openSsh.list(certificate);
        String uuid = alice.uuid().toString();
        assertThat(listing)
                .contains("user certificate")
                .contains("Key ID: \"" + uuid + "\"")
                .containsPattern("Principals: \\n\\s+" + uuid + "\\n\\s+Critical Options: \\(none\\)")
                .containsPattern("\\n\\s+permit-pty\\n")
                .containsPattern("\\n\\s+permit-port-forwarding\\n")
                .containsPattern("\\n\\s+permit-agent-forwarding\\n")
                .doesNotContain("permit-X11-forwarding")
                .doesNotContain("mfa@webpaas")
                .doesNotContain("staff@webpaas");
        Map<String, String> vendor = vendorExtensions(listing);
        assertThat(vendor).containsOnlyKeys("uuid@webpaas", "amr@webpaas", "token-id@webpaas", "access@webpaas");
        assertThat(vendor.get("uuid@webpaas")).isEqualTo(uuid);
        assertThat(vendor.get("amr@webpaas")).isEqualTo("[\"api_token\"]");
        assertThat(vendor.get("token-id@webpaas")).isEqualTo(token.jti());
        assertThat(vendor.get("access@webpaas")).isEqualTo("{\"" + project + "\":\"contributor\"}");

        // one hour, backdated by a minute for clock skew
        OpenSshCertificate parsed = SshCertificates.parse(certificate);
        assertThat(parsed.getValidBefore() - parsed.getValidAfter()).isEqualTo(3660);
        assertThat(parsed.getValidAfter()).isBetween(requested.getEpochSecond() - 61, Instant.now().getEpochSecond() - 59);
        assertThat(listing).contains("Valid: from " + SshKeygenTime.of(parsed.getValidAfter())
                + " to " + SshKeygenTime.of(parsed.getValidBefore()));
        assertThat(List.of(PublicKeyEntry.toString(parsed.getCaPubKey())))
                .isSubsetOf(http.userAuthorities().stream().map(CertifierTest::withoutComment).toList());
    }

    @Test
    void aTokenWithMfaPutsTheMfaTimeInTheCertificate() throws Exception {
        User bob = people.user();
        Instant mfa = Instant.now().minusSeconds(30);
        TestTokens.Issued token = tokens.issue(bob, mfa);

        String certificate = http.certificate(token.accessToken(), openSsh.publicKey(openSsh.newKey("bob")));

        Map<String, String> vendor = vendorExtensions(openSsh.list(certificate));
        assertThat(vendor).containsEntry("mfa@webpaas", String.valueOf(mfa.getEpochSecond()));
        assertThat(vendor.get("amr@webpaas")).contains("\"mfa\"");
        assertThat(vendor).containsEntry("access@webpaas", "{}");
    }

    @Test
    void issuingIsAudited() throws Exception {
        User carol = people.user();
        TestTokens.Issued token = tokens.issue(carol, null);
        Path key = openSsh.newKey("carol");

        OpenSshCertificate certificate = SshCertificates.parse(http.certificate(token.accessToken(), openSsh.publicKey(key)));

        AuditEvent event = audit.find("certificate.issued", carol.uuid(), null, 0, 10).getFirst();
        assertThat(event.outcome()).isEqualTo("success");
        assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(event.detail())
                .containsEntry("serial", Long.toUnsignedString(certificate.getSerial()))
                .containsEntry("key_id", carol.uuid().toString())
                .containsEntry("key_fingerprint", KeyUtils.getFingerPrint(certificate.getCertPubKey()))
                .containsEntry("token_id", token.jti());
    }

    @Test
    void aRevokedTokenGetsNoCertificate() throws Exception {
        User dave = people.user();
        TestTokens.Issued token = tokens.issue(dave, null);
        String publicKey = openSsh.publicKey(openSsh.newKey("dave"));
        http.certificate(token.accessToken(), publicKey);

        tokens.revoke(token.accessToken());
        Instant revoked = Instant.now().minusSeconds(1);
        HttpResponse<String> response = http.requestCertificate(token.accessToken(), Map.of("key", publicKey));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(http.read(response)).containsEntry("error", "invalid_token").containsKey("error_description");
        assertThat(audit.find("certificate.refused", null, null, 0, 50))
                .filteredOn(event -> !event.at().isBefore(revoked))
                .anySatisfy(event -> {
                    assertThat(event.outcome()).isEqualTo("failure");
                    assertThat(event.detail()).containsEntry("status", 401).containsEntry("error", "invalid_token");
                });
    }

    @Test
    void missingOrUnknownTokensAreRefusedWith401() throws Exception {
        String body = "{\"key\": \"" + openSsh.publicKey(openSsh.newKey("anyone")) + "\"}";

        for (String token : new String[] {null, "not-a-token", "wpat_" + "A".repeat(43)}) {
            HttpResponse<String> response = http.requestCertificate(token, body);
            assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(http.read(response)).containsEntry("error", "invalid_token");
        }
    }

    @Test
    void badInputIsRefusedWithAStatusAndAJsonError() throws Exception {
        User erin = people.user();
        String token = tokens.issue(erin, null).accessToken();
        Path key = openSsh.newKey("erin");
        String certificate = http.certificate(token, openSsh.publicKey(key));
        String privateKey = java.nio.file.Files.readString(key);
        Path rsa1024 = dir.resolve("rsa1024");
        OpenSsh.run("ssh-keygen", "-q", "-t", "rsa", "-b", "1024", "-N", "", "-f", rsa1024.toString());
        String dsaLike = "ssh-dss " + Base64.getEncoder().encodeToString(sshString("ssh-dss")) + " old";

        assertRefused(http.requestCertificate(token, "{not json"), 400, "invalid_request");
        assertRefused(http.requestCertificate(token, "[]"), 400, "invalid_request");
        assertRefused(http.requestCertificate(token, ""), 400, "invalid_request");
        assertRefused(http.requestCertificate(token, "{}"), 400, "invalid_request");
        assertRefused(http.requestCertificate(token, Map.of("key", "hello world")), 400, "invalid_key");
        assertRefused(http.requestCertificate(token, Map.of("key", privateKey)), 400, "invalid_key");
        assertRefused(http.requestCertificate(token, Map.of("key", certificate)), 400, "invalid_key");
        assertRefused(http.requestCertificate(token, Map.of("key", dsaLike)), 400, "invalid_key");
        HttpResponse<String> weak = http.requestCertificate(token, Map.of("key", openSsh.publicKey(rsa1024)));
        assertRefused(weak, 400, "invalid_key");
        assertThat(http.read(weak).get("error_description").toString()).contains("2048");
        assertRefused(http.requestCertificate(token, "{\"key\": \"" + "A".repeat(17 * 1024) + "\"}"), 413,
                "request_too_large");
        assertThat(audit.find("certificate.refused", erin.uuid(), null, 0, 50)).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void onlyStaffMayAskForARegionAndATicketAndStaffMustGiveBoth() throws Exception {
        User frank = people.user();
        User sam = people.staff();
        String userToken = tokens.issue(frank, null).accessToken();
        String staffToken = tokens.issue(sam, null).accessToken();
        String key = openSsh.publicKey(openSsh.newKey("staff"));

        assertRefused(http.requestCertificate(userToken, Map.of("key", key, "region", "local")), 403, "access_denied");
        assertRefused(http.requestCertificate(userToken, Map.of("key", key, "ticket", "T-1")), 403, "access_denied");
        assertRefused(http.requestCertificate(staffToken, Map.of("key", key)), 403, "access_denied");
        assertRefused(http.requestCertificate(staffToken, Map.of("key", key, "region", "local")), 403, "access_denied");
        assertRefused(http.requestCertificate(staffToken, Map.of("key", key, "ticket", "T-1")), 403, "access_denied");
        assertRefused(http.requestCertificate(staffToken, Map.of("key", key, "region", "local", "ticket", "a b")), 400,
                "invalid_request");

        HttpResponse<String> granted = http.requestCertificate(staffToken,
                Map.of("key", key, "region", "eu-3", "ticket", "SUP-1234"));
        assertThat(granted.statusCode()).isEqualTo(200);
        Map<String, String> vendor = vendorExtensions(openSsh.list((String) http.read(granted).get("certificate")));
        assertThat(vendor).containsEntry("staff@webpaas", sam.username())
                .containsEntry("region@webpaas", "eu-3")
                .containsEntry("ticket@webpaas", "SUP-1234");
        assertThat(audit.find("certificate.issued", sam.uuid(), null, 0, 1).getFirst().detail())
                .containsEntry("ticket", "SUP-1234").containsEntry("region", "eu-3");
    }

    @Test
    void opensshSshdAcceptsAnIssuedCertificateAndRefusesOneFromAForeignCa() throws Exception {
        User grace = people.user();
        String token = tokens.issue(grace, null).accessToken();
        Path key = openSsh.newKey("grace");
        Path certificate = openSsh.writeCertificate(key, http.certificate(token, openSsh.publicKey(key)));
        Path foreignCa = openSsh.newKey("foreign-ca");
        Path foreignKey = openSsh.newKey("foreign");
        openSsh.signWith(foreignCa, foreignKey, grace.uuid().toString(), grace.uuid().toString());

        try (SshServer sshd = SshServer.start(dir, http.userAuthorities(), grace.uuid().toString())) {
            assertThat(sshd.login(key, certificate).exitCode()).as(sshd.log()).isZero();
            OpenSsh.Result foreign = sshd.login(foreignKey, Path.of(foreignKey + "-cert.pub"));
            assertThat(foreign.exitCode()).isEqualTo(255);
            assertThat(foreign.output()).contains("Permission denied");
            String foreignCaFingerprint = KeyUtils.getFingerPrint(SshCertificates.parse(
                    java.nio.file.Files.readString(Path.of(foreignKey + "-cert.pub"))).getCaPubKey());
            assertThat(sshd.log()).containsPattern("Failed publickey for \\S+ from 127.0.0.1 .* CA ED25519 "
                    + Pattern.quote(foreignCaFingerprint));
        }
    }

    @Test
    void caPrivateKeysAreSealedAtRest() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT purpose, public_key, private_key FROM ssh_authorities").query().listOfRows();

        assertThat(rows).extracting(row -> row.get("purpose").toString()).contains("user", "host", "internal");
        for (Map<String, Object> row : rows) {
            String stored = (String) row.get("private_key");
            AuthorityPurpose purpose = AuthorityPurpose.fromWire((String) row.get("purpose"));
            byte[] pkcs8 = secrets.open(purpose.sealPurpose(), stored);
            assertThat(stored).startsWith("v1:")
                    .doesNotContain(Base64.getEncoder().encodeToString(pkcs8))
                    .doesNotContain(HexFormat.of().formatHex(pkcs8));
            assertThat(new String(Base64.getDecoder().decode(stored.substring(3)), StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(pkcs8, StandardCharsets.ISO_8859_1));
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
        assertThat(caFingerprint(internalListing))
                .isNotIn(fingerprints(http.userAuthorities()))
                .isNotIn(fingerprints(http.hostAuthorities()));
    }

    private void assertRefused(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> body = http.read(response);
        assertThat(body).containsEntry("error", error);
        assertThat(body.get("error_description")).asString().isNotBlank();
    }

    /** Vendor extensions as {@code ssh-keygen -L} shows them: name, then the hex of an SSH string. */
    static Map<String, String> vendorExtensions(String listing) {
        Map<String, String> found = new java.util.TreeMap<>();
        Matcher matcher = Pattern.compile("\\n\\s+(\\S+@webpaas) UNKNOWN OPTION: ([0-9a-f]+) \\(len \\d+\\)").matcher(listing);
        while (matcher.find()) {
            byte[] data = HexFormat.of().parseHex(matcher.group(2));
            int length = java.nio.ByteBuffer.wrap(data).getInt();
            assertThat(length).isEqualTo(data.length - 4);
            found.put(matcher.group(1), new String(data, 4, length, StandardCharsets.UTF_8));
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
        List<String> fingerprints = new java.util.ArrayList<>();
        for (String line : publicKeyLines) {
            fingerprints.add(KeyUtils.getFingerPrint(PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null)));
        }
        return fingerprints;
    }

    private static byte[] sshString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }
}
