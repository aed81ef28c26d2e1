package io.webpaas.server.directory;

import java.time.Instant;
import java.util.UUID;

/** A person (or, with {@code staff}, an operator of the platform). Credentials live in {@code auth}. */
public record User(UUID uuid, String username, String email, boolean staff, boolean totpEnabled, Instant createdAt) {
}
