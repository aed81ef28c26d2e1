package io.webpaas.server.directory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An app deployed in an environment. {@code mounts} are the writable paths relative to the
 * app; {@code runtimeHost}/{@code runtimePort} is the runtime SSH server the gateway bridges to.
 */
public record App(String projectId, String environment, String name, List<String> mounts,
                  Map<String, Relationship> relationships, String runtimeHost, int runtimePort, Instant createdAt) {
}
