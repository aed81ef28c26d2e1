package io.webpaas.server.gateway;

import java.security.PublicKey;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * MINA's public key method, which refuses certificates outside their validity window, with a
 * bad CA signature, an unknown critical option or a {@code source-address} that excludes the
 * client before the {@link GatewayAuthenticator} sees them. Those refusals are handed to the
 * authenticator too, so that every failed authentication is audited and throttled.
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
        PublicKey offered = offeredKey(buffer);
        session.removeAttribute(GatewayAuthenticator.CONSULTED);
        Boolean result = super.doAuth(buffer, init);
        if (Boolean.FALSE.equals(result) && session.getAttribute(GatewayAuthenticator.CONSULTED) == null
                && offered != null) {
            authenticator.refusedBeforehand(getUsername(), offered, session);
        }
        return result;
    }

    /** The key of a {@code publickey} request (flag, algorithm, key blob), read without consuming the buffer. */
    private static PublicKey offeredKey(Buffer buffer) {
        int start = buffer.rpos();
        try {
            buffer.getBoolean();
            buffer.getString();
            return buffer.getPublicKey();
        } catch (SshException | RuntimeException e) {
            return null; // malformed: MINA refuses it on its own
        } finally {
            buffer.rpos(start);
        }
    }
}
