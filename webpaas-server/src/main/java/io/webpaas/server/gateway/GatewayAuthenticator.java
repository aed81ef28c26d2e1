package io.webpaas.server.gateway;

import io.webpaas.server.config.FailureThrottle;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Public key authentication at the gateway. A key that proves an identity is accepted even
 * when that identity may not enter the target, so the refusal can be shown in the session
 * ({@link AccessDenied}); a key that proves nothing gets the plain {@code Permission denied}.
 * Also the abuse limits around it: per-address failure throttling and a cap on connections
 * that have not authenticated yet.
 */
@Component
@Conditional(OnGatewayRole.class)
class GatewayAuthenticator implements PublickeyAuthenticator, SessionListener {
    static final AttributeKey<Admission> ADMISSION = new AttributeKey<>();
    /** Set when {@link #authenticate} looked at the current request. */
    static final AttributeKey<Boolean> CONSULTED = new AttributeKey<>();
    /** The last key this connection proved an identity with, for the signed request that follows the query. */
    private static final AttributeKey<Decided> DECIDED = new AttributeKey<>();
    private static final AttributeKey<Boolean> COUNTED_UNAUTHENTICATED = new AttributeKey<>();

    private final Identities identities;
    private final AccessPolicy policy;
    private final RegisteredKeys keys;
    private final GatewayAudit audit;
    private final ConnectionRefusals refusals;
    private final FailureThrottle throttle;
    private final int maxUnauthenticated;
    private final AtomicInteger unauthenticated = new AtomicInteger();

    GatewayAuthenticator(Identities identities, AccessPolicy policy, RegisteredKeys keys, GatewayAudit audit,
                         ConnectionRefusals refusals, GatewayProperties properties) {
        this.identities = identities;
        this.policy = policy;
        this.keys = keys;
        this.audit = audit;
        this.refusals = refusals;
        this.throttle = new FailureThrottle(properties.failureLimit(), properties.failureWindow());
        this.maxUnauthenticated = properties.maxUnauthenticated();
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        session.setAttribute(CONSULTED, Boolean.TRUE);
        String address = GatewayAudit.address(session);
        if (throttle.blocked(address)) {
            audit.authFailed(session, username, method(key), fingerprint(key), "too many failures from " + address);
            return false;
        }
        Decided decided = session.getAttribute(DECIDED);
        if (decided != null && decided.answers(username, key)) {
            session.setAttribute(ADMISSION, decided.admission());
            return true;
        }
        try {
            Admission admission = policy.decide(identities.of(key), username);
            session.setAttribute(ADMISSION, admission);
            session.setAttribute(DECIDED, new Decided(username, key, admission));
            return true;
        } catch (BadIdentityException e) {
            failed(session, username, key, e.getMessage());
            return false;
        }
    }

    /**
     * A key MINA refused before asking: a certificate outside its validity window, with an
     * unknown critical option, or whose {@code source-address} excludes the client.
     */
    void refusedBeforehand(String username, PublicKey key, ServerSession session) {
        String reason;
        try {
            identities.of(key);
            reason = "the certificate's source-address does not include " + GatewayAudit.address(session);
        } catch (BadIdentityException e) {
            reason = e.getMessage();
        }
        failed(session, username, key, reason);
    }

    /** A request for an acceptable key whose signature was not made with that key's private half. */
    void badSignature(String username, PublicKey key, ServerSession session) {
        failed(session, username, key, "the request is not signed with the offered key's private key");
    }

    private void failed(ServerSession session, String username, PublicKey key, String reason) {
        throttle.failed(GatewayAudit.address(session));
        audit.authFailed(session, username, method(key), fingerprint(key), reason);
    }

    private static String method(PublicKey key) {
        return key instanceof OpenSshCertificate ? "certificate" : "key";
    }

    @Override
    public void sessionCreated(Session session) {
        session.setAttribute(COUNTED_UNAUTHENTICATED, Boolean.TRUE);
        if (unauthenticated.incrementAndGet() > maxUnauthenticated) {
            refusals.refused(ConnectionRefusals.Kind.UNAUTHENTICATED_CAP, session,
                    maxUnauthenticated + " connections have not authenticated yet");
            session.close(true);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated) {
            return;
        }
        leaveUnauthenticated(session);
        session.removeAttribute(DECIDED); // only needed until the signed request
        Admission admission = session.getAttribute(ADMISSION);
        audit.authenticated(session, admission);
        if (admission instanceof Admission.Admitted admitted && admitted.key() != null) {
            keys.recordUse(admitted.key().id());
        }
    }

    @Override
    public void sessionClosed(Session session) {
        leaveUnauthenticated(session);
    }

    private void leaveUnauthenticated(Session session) {
        if (session.removeAttribute(COUNTED_UNAUTHENTICATED) != null) {
            unauthenticated.decrementAndGet();
        }
    }

    /**
     * A client asks whether a key would do, then signs with it: the second request, for the same
     * user name and the very same key or certificate, gets the decision made for the first
     * instead of another certificate check and directory lookup. MINA checks a certificate's
     * validity window on every request before asking.
     */
    private record Decided(String username, PublicKey key, Admission admission) {
        boolean answers(String username, PublicKey key) {
            if (!this.username.equals(username)) {
                return false;
            }
            if (this.key instanceof OpenSshCertificate known && key instanceof OpenSshCertificate offered) {
                return Arrays.equals(known.getMessage(), offered.getMessage())
                        && Arrays.equals(known.getSignature(), offered.getSignature());
            }
            return !(this.key instanceof OpenSshCertificate) && !(key instanceof OpenSshCertificate)
                    && KeyUtils.compareKeys(this.key, key);
        }
    }

    private static String fingerprint(PublicKey key) {
        PublicKey plain = key instanceof OpenSshCertificate certificate ? certificate.getCertPubKey() : key;
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, plain);
    }
}
