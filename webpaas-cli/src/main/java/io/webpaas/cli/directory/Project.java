package io.webpaas.cli.directory;

import java.time.Instant;

/**
 * {@code GET /api/v1/projects}: a project of the logged-in user and their role in it;
 * {@code mfaRequired} when its organization admits only certificates with MFA over SSH.
 */
public record Project(String id, String title, String region, String defaultEnvironment, String role, String sshUrl,
                      boolean mfaRequired, Instant createdAt) {
}
