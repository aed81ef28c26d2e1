package io.webpaas.server.certifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.auth.RemoteTokenIntrospector;
import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.server.tokens.ApiTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    ApiTokens apiTokens;
    @Autowired
    Users users;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @DynamicPropertySource
    static void remoteIntrospection(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("webpaas.introspection-url", () -> "http://127.0.0.1:" + PORT + "/oauth2/introspect");
    }

    @Test
    void certificatesAreIssuedOnTheRemoteAnswerAndRefusedOnceTheTokenIsRevoked() throws Exception {
        assertThat(introspector).isInstanceOf(RemoteTokenIntrospector.class);
        TestTokens tokens = new TestTokens(apiTokens, introspector, PORT);
        CertifierHttp http = new CertifierHttp(PORT);
        OpenSsh openSsh = new OpenSsh(dir);
        User ivy = new People(users, jdbc).user();
        TestTokens.Issued token = tokens.issue(ivy, null);
        String key = openSsh.publicKey(openSsh.newKey("ivy"));

        Map<String, String> vendor = CertifierTest.vendorExtensions(openSsh.list(http.certificate(token.accessToken(), key)));
        assertThat(vendor).containsEntry("uuid@webpaas", ivy.uuid().toString())
                .containsEntry("token-id@webpaas", token.jti());

        tokens.revoke(token.accessToken());
        HttpResponse<String> refused = http.requestCertificate(token.accessToken(), Map.of("key", key));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(http.read(refused)).containsEntry("error", "invalid_token");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
