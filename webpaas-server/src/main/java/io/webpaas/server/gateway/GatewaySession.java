package io.webpaas.server.gateway;

import java.net.SocketAddress;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSessionImpl;
import org.apache.sshd.server.session.SessionFactory;

/**
 * A connection to the gateway. Behind a load balancer its remote address is the client that the
 * PROXY protocol header names ({@link LoadBalancers}), so MINA's {@code source-address} check, the
 * audit and the failure throttle all see the client rather than the balancer.
 */
final class GatewaySession extends ServerSessionImpl {
    private volatile SocketAddress client;

    private GatewaySession(ServerFactoryManager server, IoSession io) throws Exception {
        super(server, io);
    }

    static SessionFactory factory(SshServer server) {
        return new SessionFactory(server) {
            @Override
            protected ServerSessionImpl doCreateSession(IoSession io) throws Exception {
                return new GatewaySession(getServer(), io);
            }
        };
    }

    /** The client a load balancer's header named, in place of the balancer's own address. */
    void clientNamedByLoadBalancer(SocketAddress named) {
        client = named;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        SocketAddress named = client;
        return named != null ? named : super.getRemoteAddress();
    }

    @Override
    public SocketAddress getClientAddress() {
        SocketAddress named = client;
        return named != null ? named : super.getClientAddress();
    }
}
