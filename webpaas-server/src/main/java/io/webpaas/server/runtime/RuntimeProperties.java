package io.webpaas.server.runtime;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code webpaas.runtime.*}.
 *
 * @param host address the runtime's SSH server listens on
 * @param port its port; 0 picks a free one (tests)
 * @param hostnames the names gateways dial this runtime by (the apps' {@code runtime_host}), which its host
 *                  certificate names; empty means {@code host}
 * @param appsDir where apps live ({@code <appsDir>/<project>/<env>/<app>/}); empty means {@code <dataDir>/apps}
 * @param insecureNoSandbox run sessions without {@code bwrap} when it is missing (warned on every session)
 * @param bwrap the bubblewrap binary
 * @param sftpServer OpenSSH's sftp-server, run inside the sandbox for the {@code sftp} subsystem
 */
@ConfigurationProperties("webpaas.runtime")
public record RuntimeProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2022") int port,
        List<String> hostnames,
        Path appsDir,
        @DefaultValue("false") boolean insecureNoSandbox,
        @DefaultValue("/usr/bin/bwrap") Path bwrap,
        @DefaultValue("/usr/lib/openssh/sftp-server") Path sftpServer) {

    public RuntimeProperties {
        hostnames = hostnames == null || hostnames.isEmpty() ? List.of(host) : List.copyOf(hostnames);
    }
}
