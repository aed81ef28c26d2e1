package io.webpaas.cli.home;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI keeps its state: {@code ~/.webpaas} ({@code WEBPAAS_HOME} overrides), with
 * one session under {@code .session/sess-cli-default/}, and the user's own {@code ~/.ssh}.
 *
 * @param root the CLI's directory
 * @param userHome the user's home directory (whose {@code .ssh/config} may include ours)
 */
public record CliHome(Path root, Path userHome) {
    public static final String SESSION_ID = "sess-cli-default";

    public static CliHome of(Map<String, String> environment) {
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        Path userHome = Path.of(home).toAbsolutePath();
        String override = environment.get("WEBPAAS_HOME");
        Path root = override == null || override.isBlank() ? userHome.resolve(".webpaas") : Path.of(override).toAbsolutePath();
        return new CliHome(root, userHome);
    }

    /** {@code key = value} settings: {@code api-url}, {@code ssh-key-lifetime}. */
    public Path configFile() {
        return root.resolve("config");
    }

    public Path sessionDir() {
        return root.resolve(".session").resolve(SESSION_ID);
    }

    /** The session's key pair, certificate, expiry file, ssh config and known_hosts. */
    public Path sessionSshDir() {
        return sessionDir().resolve("ssh");
    }

    /** The file {@code ~/.ssh/config} includes: it includes the session's ssh config. */
    public Path includeFile() {
        return root.resolve("ssh").resolve("webpaas-cli.config");
    }

    public Path userSshConfig() {
        return userHome.resolve(".ssh").resolve("config");
    }
}
