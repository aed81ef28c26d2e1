package io.webpaas.cli.tunnel;

import io.webpaas.cli.CliException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;

/** Local ports for tunnels: from 30000 upward, skipping those in use. */
final class LocalPorts {
    static final int FIRST = 30000;
    private static final int LAST = 30999;

    private LocalPorts() {
    }

    /** The first port from {@code from} that nothing listens on and no tunnel of ours has taken. */
    static int firstFree(int from, Collection<Integer> taken) {
        for (int port = from; port <= LAST; port++) {
            if (!taken.contains(port) && isFree(port)) {
                return port;
            }
        }
        throw new CliException("No free local port between " + from + " and " + LAST + ".");
    }

    /** Whether 127.0.0.1:{@code port} can be listened on now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
