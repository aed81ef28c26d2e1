package io.webpaas.server.certifier;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/host-certificates}: a week's host certificate from the host CA for a
 * server that is not this one: a gateway or runtime without the auth role ({@link HostCertificates}),
 * or an OpenSSH {@code sshd} standing in for a runtime, so that clients and gateways trust it as
 * they trust every other. Behind the internal client's credentials, as all of {@code /internal/};
 * every certificate and refusal is audited.
 */
@RestController
class InternalHostCertificates {
    private static final String ISSUED = "ssh_host_certificate.issued";
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})");
    private static final Set<String> SERVERS = Set.of("gateway", "runtime");

    private final HostCertificates certificates;
    private final AuditLog audit;

    InternalHostCertificates(HostCertificates certificates, AuditLog audit) {
        this.certificates = certificates;
        this.audit = audit;
    }

    /**
     * @param hostnames the names the host is dialled by: its principals
     * @param server what the host is, for the key ID: {@code gateway}, or {@code runtime} when absent
     */
    record HostCertificateRequest(String key, List<String> hostnames, String server) {
    }

    @PostMapping(path = "/internal/v1/host-certificates", produces = MediaType.APPLICATION_JSON_VALUE)
    CertificateResponse issue(@RequestBody(required = false) HostCertificateRequest body, HttpServletRequest request) {
        Map<String, Object> detail = new HashMap<>();
        try {
            SshPublicKey key = hostKey(body);
            List<String> hostnames = hostnames(body);
            String server = server(body);
            detail.put("key_fingerprint", key.sha256Fingerprint());
            detail.put("hostnames", hostnames);
            detail.put("server", server);
            String certificate = SshCertificates.format(certificates.sign(key.publicKey(), server, hostnames));
            audit.record(AuditEvent.success(ISSUED, null, null, request.getRemoteAddr(), detail));
            return new CertificateResponse(certificate);
        } catch (CertifierException refusal) {
            detail.put("reason", refusal.getMessage());
            audit.record(AuditEvent.failure(ISSUED, null, null, request.getRemoteAddr(), detail));
            throw refusal;
        }
    }

    private static SshPublicKey hostKey(HostCertificateRequest body) {
        if (body == null || body.key() == null) {
            throw CertifierException.badRequest("missing \"key\": give the host's OpenSSH public key");
        }
        try {
            return SshPublicKey.parse(body.key());
        } catch (InvalidPublicKeyException e) {
            throw CertifierException.invalidKey(e.getMessage());
        }
    }

    private static List<String> hostnames(HostCertificateRequest body) {
        if (body.hostnames() == null || body.hostnames().isEmpty()) {
            throw CertifierException.badRequest("missing \"hostnames\": give the names gateways dial the host by");
        }
        for (String hostname : body.hostnames()) {
            if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
                throw CertifierException.badRequest("\"" + hostname + "\" is not a host name or address");
            }
        }
        return List.copyOf(body.hostnames());
    }

    private static String server(HostCertificateRequest body) {
        if (body.server() == null) {
            return "runtime";
        }
        if (!SERVERS.contains(body.server())) {
            throw CertifierException.badRequest("\"server\" is \"gateway\" or \"runtime\"");
        }
        return body.server();
    }
}
