package io.webpaas.server.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code webpaas.gateway.*}.
 *
 * @param host address the gateway listens on
 * @param port port it listens on; 0 picks a free one (tests)
 * @param authorityUrl where the user CA keys are fetched ({@code GET /ssh/authority}); empty means
 *                     this JVM's own auth service when it runs the auth role, else {@code publicUrl}
 * @param authorityRefresh how often they are fetched again
 * @param keysUrl the auth service's internal key API ({@code /internal/v1/keys}), called with the
 *                {@code webpaas-internal} client's credentials; empty means as for {@code authorityUrl}
 * @param keyCache how long a registered key's lookup is reused: a deleted key keeps working at
 *                 most this long after its last lookup (0 looks up at every login)
 * @param loginGrace how long a connection may take to authenticate
 * @param maxAuthAttempts authentication requests allowed per connection
 * @param maxUnauthenticated connections allowed at once that have not authenticated yet
 * @param failureLimit failed authentications per client address within {@code failureWindow}
 *                     after which that address is refused until the window passes
 * @param failureWindow the window of {@code failureLimit}
 * @param upstreamUser the login name used on runtimes; empty means the SSH username (what the
 *                     runtime expects); an OpenSSH {@code sshd} standing in for a runtime needs a local user
 * @param internalCertificateLifetime validity of the certificate presented to a runtime
 * @param upstreamKeepAlive how long a connection to a runtime is kept after its user session
 *                          ends, for the same user's next session to the same app; 0 closes it at once
 * @param proxyProtocolFrom the TCP load balancers (IP addresses or CIDR ranges) whose connections start
 *                          with a PROXY protocol header, v1 or v2, naming the client: audit, throttling
 *                          and {@code source-address} then see that client; empty: no load balancer
 */
@ConfigurationProperties("webpaas.gateway")
public record GatewayProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("2222") int port,
        @DefaultValue("") String authorityUrl,
        @DefaultValue("60s") Duration authorityRefresh,
        @DefaultValue("") String keysUrl,
        @DefaultValue("30s") Duration keyCache,
        @DefaultValue("30s") Duration loginGrace,
        @DefaultValue("6") int maxAuthAttempts,
        @DefaultValue("100") int maxUnauthenticated,
        @DefaultValue("20") int failureLimit,
        @DefaultValue("5m") Duration failureWindow,
        @DefaultValue("") String upstreamUser,
        @DefaultValue("2m") Duration internalCertificateLifetime,
        @DefaultValue("30s") Duration upstreamKeepAlive,
        List<String> proxyProtocolFrom) {

    public GatewayProperties {
        proxyProtocolFrom = proxyProtocolFrom == null ? List.of() : List.copyOf(proxyProtocolFrom);
    }
}
