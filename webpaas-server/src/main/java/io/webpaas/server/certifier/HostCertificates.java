package io.webpaas.server.certifier;

import io.webpaas.server.auth.AuthServiceClient;
import io.webpaas.server.certifier.InternalHostCertificates.HostCertificateRequest;
import io.webpaas.sshca.InvalidCertificateException;
import io.webpaas.sshca.SshCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Host certificates from the host CA, a week long, for the names clients dial a server by, so
 * whoever trusts {@code GET /ssh/host-authority} accepts it without a prompt. A server that holds
 * the host CA's private key (the auth role) signs its own; a gateway or runtime without it asks
 * the auth service ({@code POST /internal/v1/host-certificates}).
 */
@Component
public class HostCertificates {
    private static final Duration LIFETIME = Duration.ofDays(7);

    private final Authorities authorities;
    private final Certifier certifier;
    private final AuthServiceClient authService;
    private final JsonMapper json;
    private final TaskScheduler scheduler;

    HostCertificates(Authorities authorities, Certifier certifier, AuthServiceClient authService, JsonMapper json,
                     TaskScheduler scheduler) {
        this.authorities = authorities;
        this.certifier = certifier;
        this.authService = authService;
        this.json = json;
        this.scheduler = scheduler;
    }

    /**
     * This server's own host certificate, renewed until closed.
     *
     * @param server what the server is, for the key ID ({@code gateway}, {@code runtime})
     * @throws IllegalStateException when the first certificate cannot be had
     */
    public HostCertificate certify(PublicKey hostKey, String server, List<String> hostnames) {
        List<String> names = List.copyOf(hostnames);
        Supplier<OpenSshCertificate> issue = authorities.holds(AuthorityPurpose.HOST)
                ? () -> sign(hostKey, server, names)
                : () -> fetch(hostKey, server, names);
        return new HostCertificate(issue, scheduler);
    }

    /** Signs here, with the host CA's private key: only where it is held. */
    OpenSshCertificate sign(PublicKey hostKey, String server, List<String> hostnames) {
        return certifier.signHost(hostKey, server + " " + String.join(",", hostnames), hostnames, LIFETIME);
    }

    private OpenSshCertificate fetch(PublicKey hostKey, String server, List<String> hostnames) {
        URI uri = authService.resolve("/internal/v1/host-certificates");
        try {
            HttpResponse<String> response = authService.sendInternal(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                            new HostCertificateRequest(PublicKeyEntry.toString(hostKey), hostnames, server)))));
            if (response.statusCode() != 200) {
                throw new IOException("it answered HTTP " + response.statusCode() + ": " + response.body());
            }
            OpenSshCertificate certificate = SshCertificates.parse(
                    json.readValue(response.body(), CertificateResponse.class).certificate());
            if (!KeyUtils.compareKeys(certificate.getCertPubKey(), hostKey)) {
                throw new IOException("it certified another key");
            }
            return certificate;
        } catch (IOException | JacksonException | InvalidCertificateException e) {
            throw new IllegalStateException("cannot get the " + server + "'s host certificate from the auth "
                    + "service at " + uri + ": " + e.getMessage(), e);
        }
    }
}
