package io.webpaas.cli.directory;

import java.time.Instant;

/** {@code GET /api/v1/projects/{id}/environments}: SSH usernames carry the {@code machineName}. */
public record Environment(String name, String machineName, String type, boolean active, String defaultApp,
                          Instant createdAt) {
}
