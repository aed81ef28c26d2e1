package io.webpaas.server.certifier;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/host-certificates}: a week's host certificate from the host CA for a
 * runtime that is not one of this server's own, such as an OpenSSH {@code sshd} standing in for
 * one, so that gateways trust it as they trust every runtime. Behind the internal client's
 * credentials, as all of {@code /internal/}; every certificate and refusal is audited.
 */
@RestController
class InternalHostCertificates {
    private static final String ISSUED = "ssh_host_certificate.issued";
    private static final Duration LIFETIME = Duration.ofDays(7);
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})");

    private final Certifier certifier;
    private final AuditLog audit;

    InternalHostCertificates(Certifier certifier, AuditLog audit) {
        this.certifier = certifier;
        this.audit = audit;
    }

    /** @param hostnames the names gateways dial the host by: its principals */
    record HostCertificateRequest(String key, List<String> hostnames) {
    }

    @PostMapping(path = "/internal/v1/host-certificates", produces = MediaType.APPLICATION_JSON_VALUE)
    CertificateResponse issue(@RequestBody(required = false) HostCertificateRequest body, HttpServletRequest request) {
        Map<String, Object> detail = new HashMap<>();
        try {
            SshPublicKey key = hostKey(body);
            List<String> hostnames = hostnames(body);
            detail.put("key_fingerprint", key.sha256Fingerprint());
            detail.put("hostnames", hostnames);
            String certificate = SshCertificates.format(certifier.signHost(key.publicKey(),
                    "runtime " + String.join(",", hostnames), hostnames, LIFETIME));
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
}
