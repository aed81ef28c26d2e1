package io.webpaas.server.directory;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSH username that names a target: {@code <project>-<environment>--<app>}, or
 * {@code <project>-<environment>} for that environment's default app, or just
 * {@code <project>} for the default environment and its default app.
 *
 * @param environment machine name, or {@code null} for the project's default environment
 * @param app app name, or {@code null} for the environment's default app
 */
public record SshUsername(String projectId, String environment, String app) {
    /**
     * Environment machine names and app names: lowercase letters, digits and single hyphens,
     * so that {@code --} can only be the separator before the app.
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:-?[a-z0-9])*");
    public static final int MAX_NAME_LENGTH = 63;

    public static SshUsername of(String projectId, String environment, String app) {
        return new SshUsername(projectId, environment, app);
    }

    public static Optional<SshUsername> parse(String username) {
        if (username == null || username.length() < ProjectIds.LENGTH) {
            return Optional.empty();
        }
        String projectId = username.substring(0, ProjectIds.LENGTH);
        String rest = username.substring(ProjectIds.LENGTH);
        if (!ProjectIds.isValid(projectId)) {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            return Optional.of(new SshUsername(projectId, null, null));
        }
        if (!rest.startsWith("-")) {
            return Optional.empty();
        }
        String target = rest.substring(1);
        int separator = target.indexOf("--");
        String environment = separator < 0 ? target : target.substring(0, separator);
        String app = separator < 0 ? null : target.substring(separator + 2);
        if (!isValidName(environment) || (app != null && !isValidName(app))) {
            return Optional.empty();
        }
        return Optional.of(new SshUsername(projectId, environment, app));
    }

    public static boolean isValidName(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        if (environment == null) {
            return projectId;
        }
        return app == null ? projectId + "-" + environment : projectId + "-" + environment + "--" + app;
    }
}
