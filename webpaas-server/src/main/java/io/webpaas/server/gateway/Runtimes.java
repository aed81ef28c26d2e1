package io.webpaas.server.gateway;

import io.webpaas.server.certifier.Certifier;
import io.webpaas.server.directory.App;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.session.ServerSession;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The gateway's side of the bridge: one SSH connection to the app's runtime per user session,
 * opened when the first channel needs it and closed with the user's session. It logs in with
 * a short-lived certificate from the internal CA whose key ID names the end user; its
 * principals are the login name and the end user, its {@code permit-*} extensions those of
 * the user's own identity, and {@code uuid@webpaas} the user. When the user session ends, the
 * connection is kept for {@code webpaas.gateway.upstream-keep-alive} for that user's next
 * session to the same app ({@link IdleUpstreams}).
 *
 * <p>The internal leg is the gateway's to choose: curve25519-sha256 key exchange (the JDK's
 * X25519; MINA's default, the post-quantum hybrids, costs many milliseconds of pure-Java work
 * per connection) and aes128-gcm@openssh.com (AES-NI through the JDK; MINA's default,
 * chacha20-poly1305, is pure Java and would cap the bridge's throughput), with MINA's other
 * algorithms after them for a runtime that lacks these.
 */
@Component
@Conditional(OnGatewayRole.class)
class Runtimes implements AutoCloseable {
    private static final AttributeKey<ClientSession> UPSTREAM = new AttributeKey<>();
    /** On a connection to a runtime: the user's session it serves, where forwarded agent requests go. */
    static final AttributeKey<ServerSession> USER_SESSION = new AttributeKey<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final SshClient client = SshClient.setUpDefaultClient();
    private final KeyPair key;
    private final Certifier certifier;
    private final GatewayProperties properties;
    private final IdleUpstreams idle;

    Runtimes(Certifier certifier, GatewayProperties properties, RuntimeHostVerifier hostVerifier)
            throws GeneralSecurityException {
        this.certifier = certifier;
        this.properties = properties;
        this.idle = new IdleUpstreams(properties.upstreamKeepAlive());
        this.key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        client.setServerKeyVerifier(hostVerifier);
        client.setKeyExchangeFactories(preferring(ClientBuilder.setUpDefaultKeyExchanges(false),
                ClientBuilder.DH2KEX.apply(BuiltinDHFactories.curve25519)));
        client.setCipherFactories(preferring(client.getCipherFactories(), BuiltinCiphers.aes128gcm));
        client.setChannelFactories(List.of(AgentRelayChannel.FACTORY));
        client.start();
    }

    /** {@code first}, then the rest of {@code all} in their order. */
    private static <T extends NamedResource> List<T> preferring(List<T> all, T first) {
        List<T> ordered = new ArrayList<>(List.of(first));
        all.stream().filter(other -> !other.getName().equals(first.getName())).forEach(ordered::add);
        return ordered;
    }

    /**
     * The user session's connection to its runtime: on first use, one kept from the same user's
     * previous session ({@link IdleUpstreams}) or a new one; when the session ends, it is kept in turn.
     */
    ClientSession of(ServerSession session, Admission.Admitted admitted) throws IOException {
        synchronized (session) {
            ClientSession upstream = session.getAttribute(UPSTREAM);
            if (upstream == null || !upstream.isOpen()) {
                String login = properties.upstreamUser().isBlank()
                        ? admitted.target().username().toString() : properties.upstreamUser();
                App app = admitted.target().app();
                IdleUpstreams.Key key = new IdleUpstreams.Key(admitted.endUser(), login, extensions(admitted),
                        app.runtimeHost(), app.runtimePort());
                upstream = idle.take(key);
                if (upstream == null) {
                    upstream = connect(key);
                }
                upstream.setAttribute(USER_SESSION, session);
                session.setAttribute(UPSTREAM, upstream);
                ClientSession opened = upstream;
                session.addCloseFutureListener(closed -> {
                    opened.removeAttribute(USER_SESSION);
                    idle.park(key, opened);
                });
            }
            return upstream;
        }
    }

    private ClientSession connect(IdleUpstreams.Key key) throws IOException {
        OpenSshCertificate certificate = certifier.signInternal(this.key.getPublic(), key.endUser(),
                List.of(key.login(), key.endUser()), key.extensions(), properties.internalCertificateLifetime());
        ClientSession upstream = client.connect(key.login(), key.host(), key.port()).verify(TIMEOUT).getSession();
        try {
            upstream.addPublicKeyIdentity(new KeyPair(certificate, this.key.getPrivate()));
            upstream.auth().verify(TIMEOUT);
            return upstream;
        } catch (IOException | RuntimeException e) {
            upstream.close(true);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RuntimeHostVerifier.Refused refused) {
                    throw new IOException(refused.getMessage(), e);
                }
            }
            throw e;
        }
    }

    private static Map<String, String> extensions(Admission.Admitted admitted) {
        Map<String, String> extensions = new TreeMap<>(admitted.permits().asExtensions());
        if (admitted.user() != null) {
            extensions.put("uuid@webpaas", admitted.user().toString());
        }
        return extensions;
    }

    @Override
    public void close() throws IOException {
        idle.close();
        client.stop();
    }
}
