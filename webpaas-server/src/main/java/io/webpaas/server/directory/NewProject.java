package io.webpaas.server.directory;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A request to create a project. Optional fields may be {@code null}: the organization
 * when the caller administers just one, the region (this deployment's) and the default
 * environment ({@code main}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewProject(String organization, String title, String region, String defaultEnvironment) {
}
