package io.webpaas.cli.auth;

/** {@code GET /api/v1/me}, as much as the CLI shows. */
public record Me(String uuid, String username, String email) {
}
