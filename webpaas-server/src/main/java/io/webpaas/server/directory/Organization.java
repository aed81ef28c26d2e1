package io.webpaas.server.directory;

import java.time.Instant;

/** A customer account owning projects; {@code enforceMfa} makes the gateway demand MFA over SSH. */
public record Organization(String id, String name, String label, boolean enforceMfa, Instant createdAt) {
}
