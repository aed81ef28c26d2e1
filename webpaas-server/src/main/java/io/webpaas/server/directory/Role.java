package io.webpaas.server.directory;

import java.util.Locale;

/** A member's role on a project. Admins and contributors may SSH; viewers may not. */
public enum Role {
    ADMIN, CONTRIBUTOR, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean maySsh() {
        return this != VIEWER;
    }

    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "': use admin, contributor or viewer");
    }
}
