package io.webpaas.server.certifier;

import java.util.Locale;

/** The Certifier's three CAs. */
public enum AuthorityPurpose {
    /** Signs users' certificates ({@code POST /ssh}); gateways trust it via {@code GET /ssh/authority}. */
    USER,
    /**
     * Signs the gateways' and runtimes' host keys; users' clients trust it via {@code GET /ssh/host-authority},
     * gateways when they dial a runtime.
     */
    HOST,
    /** Signs the certificates a gateway presents to runtimes on the user's behalf. */
    INTERNAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** SecretBox purpose: a private key sealed for one CA cannot be replayed as another's. */
    String sealPurpose() {
        return "ssh_authorities.private_key:" + wire();
    }

    static AuthorityPurpose fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
