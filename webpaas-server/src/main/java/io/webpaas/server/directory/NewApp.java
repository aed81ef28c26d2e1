package io.webpaas.server.directory;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A request to create an app; mounts and relationships may be omitted (none). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewApp(String name, List<String> mounts, Map<String, Relationship> relationships, String runtimeHost,
                     Integer runtimePort) {
}
