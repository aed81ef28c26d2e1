package io.webpaas.cli.certificate;

import io.webpaas.cli.auth.AccessTokens;
import io.webpaas.cli.auth.Session;
import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.home.LockFile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The session's certificate: renewed ({@code POST /ssh}) when fewer than two minutes remain,
 * when it stands for another user or was issued for another access token, or on demand; the
 * key pair is made anew after its lifetime. One CLI process at a time does this (a file lock).
 */
public final class Certificates {
    /** ssh may be slow to connect; a certificate with less than this left is renewed. */
    public static final Duration RENEW_MARGIN = Duration.ofSeconds(120);

    private final CertificateFiles files;
    private final AccessTokens tokens;
    private final Duration keyLifetime;

    public Certificates(CertificateFiles files, AccessTokens tokens, Duration keyLifetime) {
        this.files = files;
        this.tokens = tokens;
        this.keyLifetime = keyLifetime;
    }

    public CertificateFiles files() {
        return files;
    }

    public Optional<SshCertificate> current() {
        return files.certificateIfAny();
    }

    /** Renews when needed (or always with {@code forceNew}, which also makes a new key pair). */
    public Loaded load(boolean forceNew) {
        return LockFile.withLock(files.dir().resolve("load.lock"), () -> {
            Session session = tokens.session();
            Instant now = Instant.now();
            Optional<Instant> keyCreated = files.keyCreated();
            boolean newKey = forceNew || keyCreated.isEmpty() || !now.isBefore(keyCreated.get().plus(keyLifetime));
            Optional<SshCertificate> certificate = files.certificateIfAny();
            String reason = forceNew ? "a new key pair and certificate were asked for"
                    : keyCreated.isEmpty() ? "there was no key pair"
                    : newKey ? "the key pair reached its lifetime"
                    : renewalReason(certificate, session, now);
            if (reason == null) {
                files.writeExpiry(renewAfter(certificate.get(), keyCreated.get()));
                return new Loaded(certificate.get(), false, false, null);
            }
            if (newKey) {
                files.writeKeyPair(SessionKeyPair.generate("webpaas-cli " + session.username()));
                keyCreated = files.keyCreated();
            }
            CertificateResponse issued = new ApiClient(session.apiUrl()).withBearer(session::accessToken)
                    .post("/ssh", new CertificateRequest(files.publicKeyLine()), CertificateResponse.class);
            SshCertificate renewed = SshCertificate.parse(issued.certificate());
            files.writeCertificate(issued.certificate(), renewAfter(renewed, keyCreated.orElseThrow()));
            return new Loaded(renewed, true, newKey, reason);
        });
    }

    /** The first moment a renewal is due: the certificate's margin or the key pair's lifetime. */
    private Instant renewAfter(SshCertificate certificate, Instant keyCreated) {
        Instant certificateDue = certificate.validBefore().minus(RENEW_MARGIN);
        Instant keyDue = keyCreated.plus(keyLifetime);
        return keyDue.isBefore(certificateDue) ? keyDue : certificateDue;
    }

    private static String renewalReason(Optional<SshCertificate> certificate, Session session, Instant now) {
        if (certificate.isEmpty()) {
            return "there was no certificate";
        }
        SshCertificate current = certificate.get();
        if (!now.isBefore(current.validBefore().minus(RENEW_MARGIN))) {
            return "the certificate was expiring";
        }
        if (!session.userUuid().equals(current.userUuid())) {
            return "the logged-in user changed";
        }
        if (!session.tokenId().equals(current.tokenId())) {
            return "the access token changed";
        }
        return null;
    }

    /**
     * @param renewed whether a new certificate was issued
     * @param reason why it was renewed (null when it was not)
     */
    public record Loaded(SshCertificate certificate, boolean renewed, boolean newKey, String reason) {
    }

    record CertificateRequest(String key) {
    }

    record CertificateResponse(String certificate) {
    }
}
