package io.webpaas.server.directory;

import java.util.Locale;

public enum EnvironmentType {
    PRODUCTION, STAGING, DEVELOPMENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnvironmentType fromWire(String value) {
        for (EnvironmentType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unknown environment type '" + value + "': use production, staging or development");
    }
}
