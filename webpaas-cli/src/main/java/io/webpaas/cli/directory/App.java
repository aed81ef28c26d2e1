package io.webpaas.cli.directory;

import java.util.List;

/**
 * {@code GET /api/v1/projects/{id}/environments/{env}/apps}: an app and where ssh reaches it
 * ({@code sshDestination} is {@code user@host}, {@code sshPort} the gateway's port).
 * Relationships are names only; their endpoints are for the app's own sessions.
 */
public record App(String name, String environment, boolean isDefault, List<String> mounts,
                  List<String> relationships, String sshUsername, String sshUrl, String sshDestination, int sshPort) {

    /** The gateway host of {@link #sshDestination}. */
    public String sshHost() {
        return sshDestination.substring(sshDestination.lastIndexOf('@') + 1);
    }
}
