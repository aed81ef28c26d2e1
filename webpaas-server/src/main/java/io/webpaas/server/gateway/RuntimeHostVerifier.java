package io.webpaas.server.gateway;

import io.webpaas.server.certifier.Authorities;
import io.webpaas.server.certifier.AuthorityPurpose;
import io.webpaas.sshca.CertificatePolicy;
import io.webpaas.sshca.InvalidCertificateException;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshPublicKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Which runtimes the gateway hands users' sessions to: only an SSH server whose host key carries
 * a certificate from the host CA (a key that {@code GET /ssh/host-authority} publishes), valid now,
 * naming the host the gateway dialled (the app's {@code runtime_host}) as its principal. Anything
 * else, such as a machine that took over a runtime's address, is refused and logged with the reason.
 * MINA's key exchange itself already drops a certificate that is not a valid host certificate for
 * the dialled host (the bridge logs its reason); trusting the CA is left to this verifier.
 */
@Component
@Conditional(OnGatewayRole.class)
class RuntimeHostVerifier implements ServerKeyVerifier {
    private static final Logger log = LoggerFactory.getLogger(RuntimeHostVerifier.class);

    private final Authorities authorities;

    RuntimeHostVerifier(Authorities authorities) {
        this.authorities = authorities;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String host = dialled(session.getConnectAddress(), remoteAddress);
        try {
            if (!(serverKey instanceof OpenSshCertificate certificate)) {
                throw new InvalidCertificateException("it presented a plain host key, no host certificate");
            }
            Instant now = Instant.now();
            new CertificatePolicy(OpenSshCertificate.Type.HOST, hostAuthorities(now), Set.of())
                    .check(certificate, host, now);
            return true;
        } catch (InvalidCertificateException e) {
            String fingerprint = KeyUtils.getFingerPrint(serverKey instanceof OpenSshCertificate certificate
                    ? certificate.getCertPubKey() : serverKey);
            log.warn("refused the runtime {} at {} (host key {}): {}", host, remoteAddress, fingerprint, e.getMessage());
            // thrown rather than answered false, so the reason reaches the connection's failure (MINA's says none)
            throw new Refused("host key " + fingerprint + " refused: " + e.getMessage());
        }
    }

    private List<PublicKey> hostAuthorities(Instant now) throws InvalidCertificateException {
        List<PublicKey> keys = new ArrayList<>();
        for (String line : authorities.published(AuthorityPurpose.HOST, now)) {
            try {
                keys.add(SshPublicKey.parse(line).publicKey());
            } catch (InvalidPublicKeyException e) {
                throw new InvalidCertificateException("the published host CA key cannot be read: " + e.getMessage());
            }
        }
        return keys;
    }

    /** The host name or address as dialled, not as resolved: what the certificate must name. */
    private static String dialled(SocketAddress connectAddress, SocketAddress remoteAddress) {
        SocketAddress address = connectAddress == null ? remoteAddress : connectAddress;
        return switch (address) {
            case SshdSocketAddress sshd -> sshd.getHostName();
            case InetSocketAddress inet -> inet.getHostString();
            default -> String.valueOf(address);
        };
    }

    /** A runtime's host key that is not certified for the dialled host by the host CA. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
