package io.webpaas.server.directory;

import java.time.Instant;

/** A user's membership of a project. */
public record Member(User user, Role role, Instant since) {
}
