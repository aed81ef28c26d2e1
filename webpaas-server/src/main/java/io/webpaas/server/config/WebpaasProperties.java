package io.webpaas.server.config;

import java.nio.file.Path;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code webpaas.*}.
 *
 * @param dataDir where all-in-one keeps its database, generated keys and audit log
 * @param publicUrl the auth service's external URL, also the token issuer
 * @param roles which roles this JVM runs: auth, gateway, runtime (all-in-one: all three)
 * @param sshHost host name users put after the {@code @} to reach the gateway
 * @param sshPort the gateway's port users connect to
 * @param region the region this deployment serves (staff certificates must match it)
 * @param kek base64 AES-256 key-encryption key; empty means a generated file under dataDir
 * @param demo whether to seed the demo organization, users and project
 */
@ConfigurationProperties("webpaas")
public record WebpaasProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://127.0.0.1:8080") String publicUrl,
        @DefaultValue({"auth", "gateway", "runtime"}) Set<String> roles,
        @DefaultValue("127.0.0.1") String sshHost,
        @DefaultValue("2222") int sshPort,
        @DefaultValue("local") String region,
        @DefaultValue("") String kek,
        @DefaultValue("true") boolean demo) {

    public boolean runs(String role) {
        return roles.contains(role);
    }
}
