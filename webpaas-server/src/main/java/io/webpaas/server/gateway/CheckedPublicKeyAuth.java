package io.webpaas.server.gateway;

import java.security.PublicKey;
import java.security.SignatureException;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * MINA's public key method, which refuses certificates outside their validity window, with an
 * unknown critical option or a {@code source-address} that excludes the client before the
 * {@link GatewayAuthenticator} sees them, and requests whose signature does not verify after it
 * accepted the key. Those refusals are handed to the authenticator too, so that every failed
 * authentication is audited and throttled.
 *
 * <p>MINA's own check of the CA signature is left out: it only proves that the certificate was
 * signed by the key written inside it, and the authenticator checks the signature against the
 * trusted CA keys anyway ({@link Identities}); one Ed25519 verification per certificate is a
 * fair share of a new session's cost.
 */
final class CheckedPublicKeyAuth extends UserAuthPublicKey {
    private final GatewayAuthenticator authenticator;

    private CheckedPublicKeyAuth(GatewayAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    static UserAuthPublicKeyFactory factory(GatewayAuthenticator authenticator) {
        return new UserAuthPublicKeyFactory() {
            @Override
            public UserAuthPublicKey createUserAuth(ServerSession session) {
                return new CheckedPublicKeyAuth(authenticator);
            }
        };
    }

    @Override
    public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
        ServerSession session = getServerSession();
        int start = buffer.rpos();
        int end = buffer.wpos();
        session.removeAttribute(GatewayAuthenticator.CONSULTED);
        Boolean result;
        try {
            result = super.doAuth(buffer, init);
        } catch (SignatureException e) {
            // an acceptable key or certificate (they are public) in a request not signed with its private key
            PublicKey offered = offeredKey(buffer, start, end);
            if (offered != null) {
                authenticator.badSignature(getUsername(), offered, session);
            }
            throw e;
        }
        if (Boolean.FALSE.equals(result) && session.getAttribute(GatewayAuthenticator.CONSULTED) == null) {
            PublicKey offered = offeredKey(buffer, start, end);
            if (offered != null) {
                authenticator.refusedBeforehand(getUsername(), offered, session);
            }
        }
        return result;
    }

    @Override
    protected void verifyCertificateSignature(ServerSession session, OpenSshCertificate certificate) {
        // checked against the trusted CA keys by the authenticator, see above
    }

    /** The key of the {@code publickey} request (flag, algorithm, key blob) between {@code start} and {@code end}. */
    private static PublicKey offeredKey(Buffer buffer, int start, int end) {
        buffer.rpos(start);
        buffer.wpos(end);
        try {
            buffer.getBoolean();
            buffer.getString();
            return buffer.getPublicKey();
        } catch (SshException | RuntimeException e) {
            return null; // malformed: MINA refuses it on its own
        }
    }
}
