package io.webpaas.server.gateway;

import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketAddress;
import java.util.List;
import org.apache.sshd.common.net.InetAddressRange;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerProxyAcceptor;
import org.apache.sshd.server.session.ServerSession;

/**
 * The TCP load balancers in front of the gateway ({@code webpaas.gateway.proxy-protocol-from}).
 * A connection from one of them must start with a PROXY protocol header (MINA closes it
 * otherwise), and the client the header names is the connection's address from then on. A
 * connection from anywhere else is taken as it comes, so no client can claim another address. A
 * connection closed for its header is audited ({@link ConnectionRefusals}).
 */
final class LoadBalancers implements ServerProxyAcceptor {
    private final List<InetAddressRange> ranges;
    private final ConnectionRefusals refusals;

    /** @param addresses IP addresses or CIDR ranges */
    LoadBalancers(List<String> addresses, ConnectionRefusals refusals) {
        this.ranges = addresses.stream().map(LoadBalancers::range).toList();
        this.refusals = refusals;
    }

    private static InetAddressRange range(String address) {
        String cidr = address.contains("/") ? address : address + (address.contains(":") ? "/128" : "/32");
        if (!InetAddressRange.isCIDR(cidr)) {
            throw new IllegalArgumentException("webpaas.gateway.proxy-protocol-from: '" + address
                    + "' is neither an IP address nor a CIDR range such as 10.0.0.0/24");
        }
        return InetAddressRange.fromCIDR(cidr);
    }

    boolean any() {
        return !ranges.isEmpty();
    }

    /**
     * MINA calls this with what has arrived, before the client's identification line, and again from
     * the same start while that line is incomplete: the header is read afresh each time.
     */
    @Override
    public boolean acceptServerProxyMetadata(ServerSession session, Buffer buffer) throws Exception {
        if (!fromLoadBalancer(session.getIoSession().getRemoteAddress())) {
            return true;
        }
        ProxyProtocolHeader header;
        try {
            header = ProxyProtocolHeader.parse(buffer.array(), buffer.rpos(), buffer.available());
        } catch (ProtocolException e) {
            refusals.refused(ConnectionRefusals.Kind.PROXY_HEADER, session, e.getMessage());
            throw e;
        }
        if (header == null) {
            return false;
        }
        buffer.rpos(buffer.rpos() + header.length());
        if (header.client() != null) {
            ((GatewaySession) session).clientNamedByLoadBalancer(header.client());
        }
        return true;
    }

    private boolean fromLoadBalancer(SocketAddress address) {
        return address instanceof InetSocketAddress inet
                && ranges.stream().anyMatch(range -> range.contains(inet.getAddress()));
    }
}
