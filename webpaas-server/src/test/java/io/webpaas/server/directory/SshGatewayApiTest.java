package io.webpaas.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.config.WebpaasProperties;
import io.webpaas.server.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /ssh/gateway}, which the CLI reads to write the ssh configuration: public, no token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SshGatewayApiTest {
    @LocalServerPort
    int port;
    @Autowired
    WebpaasProperties properties;

    @Test
    void namesTheHostAndPortUsersConnectTo() {
        ApiClient.Response gateway = new ApiClient(port).get("/ssh/gateway", null);

        assertThat(gateway.status()).isEqualTo(200);
        assertThat(gateway.json().path("host").asString()).isEqualTo(properties.sshHost());
        assertThat(gateway.json().path("port").asInt()).isEqualTo(properties.sshPort());
    }
}
