package io.webpaas.server.certifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.auth.InternalClient;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.ApiClient.Response;
import io.webpaas.server.support.OpenSsh;
import io.webpaas.sshca.SshPublicKey;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Host certificates for runtimes that are not this server's own, over real HTTP, read by {@code ssh-keygen -L}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalHostCertificatesTest {
    private static final String PATH = "/internal/v1/host-certificates";

    @LocalServerPort
    int port;
    @Autowired
    InternalClient internalClient;
    @Autowired
    Authorities authorities;
    @TempDir
    Path dir;

    private ApiClient api;
    private OpenSsh keygen;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        keygen = new OpenSsh(dir);
    }

    @Test
    void aHostKeyGetsAWeeksHostCertificateFromTheHostCaForItsHostnames() throws Exception {
        Path hostKey = keygen.newKey("runtime-host");

        Response issued = post(internalClient.basicAuthorization(),
                Map.of("key", keygen.publicKey(hostKey), "hostnames", List.of("127.0.0.1", "app-host.internal")));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        String listed = keygen.list(issued.json().path("certificate").asString());
        String hostCa = SshPublicKey.parse(authorities.published(AuthorityPurpose.HOST, Instant.now()).getFirst())
                .sha256Fingerprint();
        assertThat(listed).contains("host certificate", "Signing CA: ED25519 " + hostCa,
                "Key ID: \"runtime 127.0.0.1,app-host.internal\"", "127.0.0.1", "app-host.internal");
    }

    @Test
    void theKeyIdNamesAGatewayWhenTheRequestSaysSo() throws Exception {
        Path hostKey = keygen.newKey("gateway-host");

        Response issued = post(internalClient.basicAuthorization(), Map.of("key", keygen.publicKey(hostKey),
                "hostnames", List.of("ssh.example.test"), "server", "gateway"));

        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        assertThat(keygen.list(issued.json().path("certificate").asString()))
                .contains("host certificate", "Key ID: \"gateway ssh.example.test\"");
    }

    @Test
    void refusesCallersWithoutTheInternalCredentialsAndKeysThatAreNoPublicKeys() throws Exception {
        Path hostKey = keygen.newKey("runtime-host");
        Map<String, Object> body = Map.of("key", keygen.publicKey(hostKey), "hostnames", List.of("127.0.0.1"));

        assertThat(post(null, body).status()).isEqualTo(401);
        Response privateKey = post(internalClient.basicAuthorization(),
                Map.of("key", Files.readString(hostKey), "hostnames", List.of("127.0.0.1")));
        assertThat(privateKey.status()).isEqualTo(400);
        assertThat(privateKey.json().path("error_description").asString()).contains("private key");
        Response noHostnames = post(internalClient.basicAuthorization(), Map.of("key", keygen.publicKey(hostKey)));
        assertThat(noHostnames.status()).isEqualTo(400);
        assertThat(noHostnames.json().path("error_description").asString()).contains("hostnames");
        Response otherServer = post(internalClient.basicAuthorization(), Map.of("key", keygen.publicKey(hostKey),
                "hostnames", List.of("127.0.0.1"), "server", "bastion"));
        assertThat(otherServer.status()).isEqualTo(400);
        assertThat(otherServer.json().path("error_description").asString()).contains("\"server\"");
    }

    private Response post(String authorization, Map<String, Object> body) {
        HttpRequest.Builder request = api.request(PATH, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build().writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }
}
