package io.webpaas.server.directory;

import io.webpaas.server.config.WebpaasProperties;
import org.springframework.stereotype.Component;

/** How users write an SSH target: as a URL and as the {@code user@host} of an ssh command. */
@Component
public class SshAddresses {
    private final WebpaasProperties properties;

    public SshAddresses(WebpaasProperties properties) {
        this.properties = properties;
    }

    public String url(SshUsername username) {
        return "ssh://" + username + "@" + properties.sshHost() + ":" + properties.sshPort();
    }

    public String destination(SshUsername username) {
        return username + "@" + properties.sshHost();
    }

    public int port() {
        return properties.sshPort();
    }
}
