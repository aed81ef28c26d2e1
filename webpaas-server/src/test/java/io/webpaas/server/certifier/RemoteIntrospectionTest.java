package io.webpaas.server.certifier;

import io.webpaas.server.support.OpenSsh;
import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.auth.RemoteTokenIntrospector;
import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.support.ApiClient;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Certifier against an RFC 7662 introspection endpoint set by configuration: here the
 * app's own {@code /oauth2/introspect}, reached over HTTP like an external server would be.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RemoteIntrospectionTest {
    private static final int PORT = freePort();

    @Autowired
    TokenIntrospector introspector;
    @Autowired
    ApplicationContext context;
    @TempDir
    Path dir;

    @DynamicPropertySource
    static void remoteIntrospection(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("webpaas.introspection-url", () -> "http://127.0.0.1:" + PORT + "/oauth2/introspect");
    }

    @Test
    void certificatesFollowTheRemoteAnswerAndStopOnceTheTokenIsRevoked() throws Exception {
        assertThat(introspector).isInstanceOf(RemoteTokenIntrospector.class);
        CertifierHttp http = new CertifierHttp(new ApiClient(PORT));
        OpenSsh openSsh = new OpenSsh(dir);
        TestUser ivy = new TestUsers(context).createWithMfa();
        String key = openSsh.publicKey(openSsh.newKey("ivy"));

        Map<String, String> vendor = CertifierTest.vendorExtensions(openSsh.list(http.certificate(ivy.accessToken(), key)));
        assertThat(vendor).containsEntry("uuid@webpaas", ivy.user().uuid().toString())
                .containsEntry("token-id@webpaas", introspector.introspect(ivy.accessToken()).jti())
                .containsKey("mfa@webpaas");

        http.revoke(ivy.accessToken());
        ApiClient.Response refused = http.request(ivy.accessToken(), Map.of("key", key));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asString()).isEqualTo("invalid_token");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
