package io.webpaas.server.directory;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A request to create an environment. Optional: {@code machineName} (derived from the
 * name), {@code type} ({@code development}), {@code active} (true).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewEnvironment(String name, String machineName, String type, Boolean active) {
}
