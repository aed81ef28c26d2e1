package io.webpaas.server.gateway;

import io.webpaas.server.keys.RegisteredKey;
import io.webpaas.sshca.CertificatePolicy;
import io.webpaas.sshca.InvalidCertificateException;
import io.webpaas.sshca.Permits;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the key a client offers into an {@link Identity}: a certificate is checked offline
 * against the user CA keys from {@code GET /ssh/authority}; a plain key must be registered,
 * which the auth service's internal API answers ({@link RegisteredKeys}).
 */
@Component
@Conditional(OnGatewayRole.class)
class Identities {
    /** MINA enforces {@code source-address} before the authenticator runs; every other critical option is refused. */
    private static final Set<String> HANDLED_CRITICAL_OPTIONS = Set.of("source-address");
    private static final TypeReference<Map<String, String>> ACCESS = new TypeReference<>() {};

    private final UserAuthorities authorities;
    private final RegisteredKeys keys;
    private final JsonMapper json;

    Identities(UserAuthorities authorities, RegisteredKeys keys, JsonMapper json) {
        this.authorities = authorities;
        this.keys = keys;
        this.json = json;
    }

    /** @throws BadIdentityException with the reason the key is refused (audited, never shown to the client) */
    Identity of(PublicKey key) throws BadIdentityException {
        try {
            return key instanceof OpenSshCertificate certificate ? certificate(certificate) : registered(key);
        } catch (InvalidCertificateException e) {
            throw new BadIdentityException(e.getMessage());
        }
    }

    private CertificateIdentity certificate(OpenSshCertificate certificate) throws InvalidCertificateException {
        Map<String, String> extensions = certificate.getExtensionsMap();
        String uuid = extensions.get("uuid@webpaas");
        if (uuid == null || !uuid.equals(certificate.getId())) {
            throw new InvalidCertificateException("the key ID is not the user named by uuid@webpaas");
        }
        new CertificatePolicy(OpenSshCertificate.Type.USER, authorities.trusted(), HANDLED_CRITICAL_OPTIONS)
                .check(certificate, uuid, Instant.now());
        try {
            return new CertificateIdentity(UUID.fromString(uuid), fingerprint(certificate.getCertPubKey()),
                    Long.toUnsignedString(certificate.getSerial()),
                    json.readValue(extensions.getOrDefault("access@webpaas", "{}"), ACCESS),
                    extensions.containsKey("mfa@webpaas"), staff(extensions), Permits.of(extensions));
        } catch (IllegalArgumentException | JacksonException e) {
            throw new InvalidCertificateException("malformed uuid@webpaas or access@webpaas: " + e.getMessage());
        }
    }

    private static CertificateIdentity.Staff staff(Map<String, String> extensions) {
        String username = extensions.get("staff@webpaas");
        return username == null ? null : new CertificateIdentity.Staff(username, extensions.get("region@webpaas"),
                extensions.get("ticket@webpaas"));
    }

    private KeyIdentity registered(PublicKey key) throws BadIdentityException {
        String fingerprint = fingerprint(key);
        List<RegisteredKey> registrations;
        try {
            registrations = keys.find(fingerprint);
        } catch (IOException e) {
            throw new BadIdentityException("cannot look up the key " + fingerprint + ": " + e.getMessage());
        }
        if (registrations.isEmpty()) {
            throw new BadIdentityException("the key " + fingerprint + " is not registered");
        }
        return new KeyIdentity(fingerprint, registrations);
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
