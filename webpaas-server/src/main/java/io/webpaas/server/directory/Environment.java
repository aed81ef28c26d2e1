package io.webpaas.server.directory;

import java.time.Instant;

/**
 * An environment of a project. {@code machineName} is what SSH usernames carry; an
 * inactive environment cannot be reached. {@code defaultApp} answers the short username forms.
 */
public record Environment(String projectId, String machineName, String name, EnvironmentType type, boolean active,
                          String defaultApp, Instant createdAt) {
}
