package io.webpaas.server.directory;

import java.util.Map;
import java.util.function.Supplier;

/**
 * An app's relationships, which carry its services' credentials, opened only by code that asks.
 * The gateway looks an app up for every session just to route it and so never holds them in
 * the clear; the runtime opens them for a session's environment and its tunnels.
 */
public final class Relationships {
    private final Supplier<Map<String, Relationship>> opener;

    private Relationships(Supplier<Map<String, Relationship>> opener) {
        this.opener = opener;
    }

    /** Relationships already in the clear, as given when an app is created. */
    public static Relationships of(Map<String, Relationship> relationships) {
        Map<String, Relationship> copy = Map.copyOf(relationships);
        return new Relationships(() -> copy);
    }

    /** Relationships sealed at rest, opened (and checked against their app) on each call. */
    static Relationships sealed(Supplier<Map<String, Relationship>> opener) {
        return new Relationships(opener);
    }

    /** @throws IllegalStateException when the sealed value cannot be opened for this app, whatever the cause */
    public Map<String, Relationship> open() {
        return opener.get();
    }

    @Override
    public String toString() {
        return "Relationships[sealed]"; // never the credentials, in a log line or an assertion message
    }
}
