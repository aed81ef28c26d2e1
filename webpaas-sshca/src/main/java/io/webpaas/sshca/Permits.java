package io.webpaas.sshca;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a session may do beyond a shell or command: the {@code permit-*} extensions of a
 * certificate. The gateway reads them from the user's certificate and passes them on in the
 * internal one; the runtime enforces them again, as an OpenSSH {@code sshd} would.
 */
public record Permits(boolean pty, boolean portForwarding, boolean agentForwarding) {
    public static final Permits ALL = new Permits(true, true, true);

    public static Permits of(Map<String, String> extensions) {
        return new Permits(extensions.containsKey("permit-pty"), extensions.containsKey("permit-port-forwarding"),
                extensions.containsKey("permit-agent-forwarding"));
    }

    /** The same permissions as certificate extensions. */
    public Map<String, String> asExtensions() {
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
