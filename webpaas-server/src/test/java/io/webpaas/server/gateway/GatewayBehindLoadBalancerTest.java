package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.server.directory.Role;
import io.webpaas.server.runtime.RuntimeServer;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.DirectoryFixture;
import io.webpaas.server.support.DirectoryFixture.AppHost;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import io.webpaas.sshca.CertificateSpec;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The gateway behind a TCP load balancer that speaks the PROXY protocol, here every connection from
 * 127.0.0.1. The real ssh connects to a {@link ProxyProtocolBalancer} that writes the header first, in
 * version 1 (text) or 2 (binary), then relays: the client the header names is what the audit
 * records, the throttle counts and a certificate's {@code source-address} must include.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"webpaas.gateway.proxy-protocol-from=127.0.0.1", "webpaas.gateway.failure-limit=3",
                "webpaas.gateway.max-unauthenticated=3"})
class GatewayBehindLoadBalancerTest {
    private static final String CLIENT_V1 = "203.0.113.7";
    /** 198.51.100.8, port 50000, to 127.0.0.1 port 2222, as PROXY protocol v2 writes it. */
    private static final byte[] HEADER_V2 = HexFormat.of().parseHex(
            "0d0a0d0a000d0a515549540a" + "21" + "11" + "000c" + "c6336408" + "7f000001" + "c350" + "08ae");
    private static final String CLIENT_V2 = "198.51.100.8";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    RuntimeServer runtime;
    @Autowired
    Authorities authorities;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    private ApiClient api;
    private OpenSsh openSsh;
    private GatewayClient direct;
    private TestUser alice;
    private String project;
    private final List<ProxyProtocolBalancer> balancers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new ApiClient(port);
        openSsh = new OpenSsh(dir);
        direct = GatewayClient.of(context, api, dir);
        alice = new TestUsers(context).create();
        project = new DirectoryFixture(context).projectWith(alice.user(), Role.CONTRIBUTOR,
                new AppHost(false, "127.0.0.1", runtime.port()));
    }

    @AfterEach
    void stopBalancers() throws IOException {
        for (ProxyProtocolBalancer balancer : balancers) {
            balancer.close();
        }
    }

    @Test
    void theAuditRecordsTheClientTheHeaderNamesInEitherVersion() throws IOException {
        GatewayClient.Credentials credentials = GatewayClient.Credentials.certified(api, openSsh, alice.accessToken(),
                Map.of());

        OpenSsh.Result v1 = throughBalancer(v1(CLIENT_V1))
                .ssh(credentials, project, "echo v1");
        OpenSsh.Result v2 = throughBalancer(HEADER_V2).ssh(credentials, project, "echo v2");

        assertThat(v1.output()).isEqualTo("v1\n");
        assertThat(v2.output()).isEqualTo("v2\n");
        assertThat(audit.find("ssh.auth", alice.user().uuid(), null, 0, 10)).extracting(AuditEvent::clientAddress)
                .containsExactlyInAnyOrder(CLIENT_V2, CLIENT_V1);
        assertThat(audit.find("ssh.session.end", alice.user().uuid(), project, 0, 10))
                .extracting(AuditEvent::clientAddress).containsExactlyInAnyOrder(CLIENT_V2, CLIENT_V1);
    }

    /** Checked against the balancer's address, a certificate limited to the client's network would never work. */
    @Test
    void aCertificatesSourceAddressMustIncludeTheClientBehindTheBalancer() throws Exception {
        GatewayClient.Credentials limited = certificateFrom("203.0.113.0/24");

        OpenSsh.Result inside = throughBalancer(v1(CLIENT_V1))
                .ssh(limited, project, "echo admitted");
        OpenSsh.Result outside = throughBalancer(HEADER_V2).ssh(limited, project, "true");

        assertThat(inside.output()).isEqualTo("admitted\n");
        assertThat(outside.exitCode()).isEqualTo(255);
        assertThat(outside.output()).contains("Permission denied (publickey)");
        assertThat(audit.find("ssh.auth", null, null, 0, 50)).anySatisfy(event -> {
            assertThat(event.clientAddress()).isEqualTo(CLIENT_V2);
            assertThat(event.detail()).containsEntry("reason",
                    "the certificate's source-address does not include " + CLIENT_V2);
        });
    }

    @Test
    void failuresAreCountedPerClientNotForTheWholeBalancer() throws IOException {
        String attackerAddress = "203.0.113.99";
        GatewayClient attacker = throughBalancer(v1(attackerAddress));
        GatewayClient.Credentials unknown = new GatewayClient.Credentials(openSsh.newKey("unknown"), null);
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.ssh(unknown, project, "true").exitCode()).isEqualTo(255);
        }
        GatewayClient.Credentials credentials = GatewayClient.Credentials.certified(api, openSsh, alice.accessToken(),
                Map.of());

        OpenSsh.Result blocked = attacker.ssh(credentials, project, "true");
        OpenSsh.Result someoneElse = throughBalancer(v1("203.0.113.100")).ssh(credentials, project, "echo in");

        assertThat(blocked.exitCode()).isEqualTo(255);
        assertThat(someoneElse.output()).isEqualTo("in\n");
        assertThat(audit.find("ssh.auth", null, null, 0, 50)).anySatisfy(event -> {
            assertThat(event.clientAddress()).isEqualTo(attackerAddress);
            assertThat(event.detail()).containsEntry("reason", "too many failures from " + attackerAddress);
        });
    }

    /** From a balancer's address a connection must start with the header: a client there cannot skip it. */
    @Test
    void aConnectionFromTheBalancerWithoutAHeaderIsClosed() {
        GatewayClient.Credentials credentials = GatewayClient.Credentials.certified(api, openSsh, alice.accessToken(),
                Map.of());

        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OpenSsh.Result result = direct.ssh(credentials, project, "true");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.output()).doesNotContain("Permission denied");
        assertThat(audit.find("ssh.auth", alice.user().uuid(), null, 0, 10)).isEmpty();
        assertThat(connectionRefusalsSince(started)).anySatisfy(event -> {
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.detail()).containsEntry("reason",
                    "the connection does not start with a PROXY protocol header").containsEntry("connections", 1);
        });
    }

    /**
     * Connections that have not authenticated are capped, here at 3: those over it are closed and
     * audited, the first at once and the next counted into one event (so a flood is a few rows)
     * that names the addresses most of them came from, not the last one's (which may be a decoy).
     */
    @Test
    void connectionsOverTheCapOnUnauthenticatedOnesAreClosedAndAudited() throws IOException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Socket> silent = new ArrayList<>();
        try {
            // all of 127.0.0.0/8 is this machine: three more addresses to connect from
            for (String from : List.of("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.3",
                    "127.0.0.3", "127.0.0.4")) {
                Socket socket = new Socket("127.0.0.1", direct.port(), InetAddress.getByName(from), 0);
                socket.setSoTimeout(10_000);
                silent.add(socket);
            }
            for (Socket overTheCap : silent.subList(3, silent.size())) {
                overTheCap.getInputStream().readAllBytes(); // returns once the gateway closed it
            }
            assertThat(silent.getFirst().isClosed()).isFalse();
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
        assertThat(capRefusalsSince(started)).as("the others are counted, not audited yet").singleElement()
                .satisfies(first -> {
                    assertThat(first.clientAddress()).isEqualTo("127.0.0.2");
                    assertThat(first.detail()).containsEntry("connections", 1).doesNotContainKey("addresses");
                });
        context.getBean(ConnectionRefusals.class).flush(); // as it does every minute

        assertThat(capRefusalsSince(started)).filteredOn(event -> event.detail().containsKey("addresses"))
                .singleElement().satisfies(counted -> {
                    assertThat(counted.clientAddress()).isEqualTo("127.0.0.3");
                    assertThat(counted.detail()).containsEntry("connections", 3)
                            .containsEntry("addresses", Map.of("127.0.0.3", 2, "127.0.0.4", 1));
                });
    }

    private List<AuditEvent> capRefusalsSince(Instant started) {
        return connectionRefusalsSince(started).stream()
                .filter(event -> "3 connections have not authenticated yet".equals(event.detail().get("reason")))
                .toList();
    }

    /** The database may keep events from earlier runs (PostgreSQL in CI). */
    private List<AuditEvent> connectionRefusalsSince(Instant started) {
        return audit.find("ssh.connection", null, null, 0, 50).stream()
                .filter(event -> !event.at().isBefore(started)).toList();
    }

    /** A version 1 header that names {@code client}. */
    private static byte[] v1(String client) {
        return ("PROXY TCP4 " + client + " 127.0.0.1 50000 2222\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A client of a new balancer in front of the gateway that starts every connection with {@code header}. */
    private GatewayClient throughBalancer(byte[] header) throws IOException {
        ProxyProtocolBalancer balancer = ProxyProtocolBalancer.start(direct.port(), header);
        balancers.add(balancer);
        return direct.atPort(balancer.port());
    }

    /** A certificate from the user CA that admits only clients within {@code sourceAddress}. */
    private GatewayClient.Credentials certificateFrom(String sourceAddress) throws Exception {
        Path key = openSsh.newKey("limited");
        String uuid = alice.user().uuid().toString();
        Instant now = Instant.now();
        CertificateSpec spec = new CertificateSpec(OpenSshCertificate.Type.USER,
                SshPublicKey.parse(openSsh.publicKey(key)).publicKey(), uuid, List.of(uuid),
                now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)), 9,
                new TreeMap<>(Map.of("source-address", sourceAddress)),
                new TreeMap<>(Map.of("uuid@webpaas", uuid, "access@webpaas", "{\"" + project + "\":\"contributor\"}")));
        String certificate = SshCertificates.format(authorities.signer(AuthorityPurpose.USER, now).sign(spec));
        return new GatewayClient.Credentials(key, openSsh.writeCertificate(key, certificate));
    }
}
