package io.webpaas.server.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A service an app is connected to, as the platform's {@code PLATFORM_RELATIONSHIPS}
 * describes it; SSH port forwarding may reach only these host/port pairs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Relationship(String scheme, String host, int port, String path, String username, String password) {
}
