package io.webpaas.server.gateway;

import java.util.Map;
import java.util.TreeMap;

/** What the session may do beyond a shell or command: the {@code permit-*} extensions of a certificate. */
record Permits(boolean pty, boolean portForwarding, boolean agentForwarding) {
    static final Permits ALL = new Permits(true, true, true);

    static Permits of(Map<String, String> extensions) {
        return new Permits(extensions.containsKey("permit-pty"), extensions.containsKey("permit-port-forwarding"),
                extensions.containsKey("permit-agent-forwarding"));
    }

    /** The same permissions as certificate extensions, for the certificate presented to the runtime. */
    Map<String, String> asExtensions() {
        Map<String, String> extensions = new TreeMap<>();
        if (pty) {
            extensions.put("permit-pty", "");
        }
        if (portForwarding) {
            extensions.put("permit-port-forwarding", "");
        }
        if (agentForwarding) {
            extensions.put("permit-agent-forwarding", "");
        }
        return extensions;
    }
}
