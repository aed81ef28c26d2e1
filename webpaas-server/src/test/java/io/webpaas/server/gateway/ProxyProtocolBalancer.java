package io.webpaas.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP load balancer in front of the gateway, as HAProxy's {@code send-proxy} does it: every
 * connection it accepts on loopback gets a connection to the gateway that starts with
 * {@code header}, then bytes relayed both ways until either side closes.
 */
final class ProxyProtocolBalancer implements AutoCloseable {
    private final ServerSocket listener;
    private final int gatewayPort;
    private final byte[] header;

    private ProxyProtocolBalancer(int gatewayPort, byte[] header) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.gatewayPort = gatewayPort;
        this.header = header.clone();
        Thread.ofVirtual().name("balancer").start(this::accept);
    }

    static ProxyProtocolBalancer start(int gatewayPort, byte[] header) throws IOException {
        return new ProxyProtocolBalancer(gatewayPort, header);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket gateway = new Socket(InetAddress.getLoopbackAddress(), gatewayPort);
                gateway.getOutputStream().write(header);
                Thread.ofVirtual().start(() -> relay(client, gateway));
                Thread.ofVirtual().start(() -> relay(gateway, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies until {@code from} ends, then closes both: a balancer keeps no half-open connection. */
    private static void relay(Socket from, Socket to) {
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // the other direction closed both
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
