package io.webpaas.server.certifier;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code webpaas.certifier.*}.
 *
 * @param certificateLifetime how long a user certificate from {@code POST /ssh} is valid
 * @param clockSkew how far certificates are backdated, and the margin added before a rotated
 *                  key retires, so clocks that disagree a little do not refuse good certificates
 * @param publishAhead how long a new user CA key is published before it signs: longer than the
 *                     gateways' refresh of {@code GET /ssh/authority} (one minute)
 * @param refresh how often each replica checks the table for keys another replica rotated
 * @param concurrentRequests how many {@code POST /ssh} requests are worked on at once, the others
 *                           waiting their turn in arrival order; 0 means twice the number of CPUs
 */
@ConfigurationProperties("webpaas.certifier")
public record CertifierProperties(
        @DefaultValue("1h") Duration certificateLifetime,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5m") Duration publishAhead,
        @DefaultValue("10s") Duration refresh,
        @DefaultValue("0") int concurrentRequests) {

    int concurrentRequestsOrDefault() {
        return concurrentRequests > 0 ? concurrentRequests : 2 * Runtime.getRuntime().availableProcessors();
    }
}
