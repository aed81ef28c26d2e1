package io.webpaas.server.directory;

import java.time.Instant;

/** A project: {@code id} is 13 lowercase base32 characters (see {@link ProjectIds}). */
public record Project(String id, String organizationId, String title, String region, String defaultEnvironment,
                      Instant createdAt) {
}
