package io.webpaas.server.directory;

import java.util.Locale;

/** Organization admins create projects and manage settings such as MFA enforcement. */
public enum OrganizationRole {
    ADMIN, MEMBER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
