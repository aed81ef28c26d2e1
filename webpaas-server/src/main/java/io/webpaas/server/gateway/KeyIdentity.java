package io.webpaas.server.gateway;

import io.webpaas.server.keys.RegisteredKey;
import java.util.List;

/** A registered public key: every place it is registered (accounts, projects); the target picks one. */
record KeyIdentity(String fingerprint, List<RegisteredKey> registrations) implements Identity {

    @Override
    public String method() {
        return "key";
    }
}
