package io.webpaas.server.directory;

import io.webpaas.server.config.WebpaasProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ssh/gateway}: where users' ssh connects ({@code webpaas.ssh-host}, {@code webpaas.ssh-port}),
 * public like the CA keys beside it, so the CLI can write the ssh configuration from the API URL alone.
 */
@RestController
class SshGatewayApi {
    private final WebpaasProperties properties;

    SshGatewayApi(WebpaasProperties properties) {
        this.properties = properties;
    }

    @GetMapping(path = "/ssh/gateway", produces = MediaType.APPLICATION_JSON_VALUE)
    GatewayAddress gateway() {
        return new GatewayAddress(properties.sshHost(), properties.sshPort());
    }

    record GatewayAddress(String host, int port) {
    }
}
