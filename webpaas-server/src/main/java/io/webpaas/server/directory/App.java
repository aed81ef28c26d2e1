package io.webpaas.server.directory;

import java.time.Instant;
import java.util.List;

/**
 * An app deployed in an environment. {@code mounts} are the writable paths relative to the
 * app; {@code relationships} are opened only where needed; {@code runtimeHost}/{@code runtimePort}
 * is the runtime SSH server the gateway bridges to.
 */
public record App(String projectId, String environment, String name, List<String> mounts,
                  Relationships relationships, String runtimeHost, int runtimePort, Instant createdAt) {
}
