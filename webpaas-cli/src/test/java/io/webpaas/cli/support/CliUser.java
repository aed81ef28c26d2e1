package io.webpaas.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A person at a terminal with their own temporary home directory, running the real
 * {@code bin/webpaas} and the real OpenSSH tools.
 *
 * <p>{@link #plain} runs {@code ssh}, {@code scp} or {@code git} exactly as typed, with no
 * flags. OpenSSH finds {@code ~/.ssh/config} through the password database, not {@code $HOME},
 * so the command runs in a {@code bwrap} mount namespace where this temporary home is mounted
 * over the account's real home directory: ssh reads the configuration the CLI wrote, and the
 * real {@code ~/.ssh} is never read or touched.
 */
public final class CliUser {
    private static final Path REAL_HOME = Path.of(System.getProperty("user.home"));

    private final Path home;
    private final TestServer server;

    public CliUser(Path home, TestServer server) {
        this.home = home;
        this.server = server;
    }

    public Path home() {
        return home;
    }

    public Path sessionSshDir() {
        return home.resolve(".webpaas/.session/sess-cli-default/ssh");
    }

    /** {@code bin/webpaas ARGS} in this home, with no terminal; WEBPAAS_API_URL names the test server. */
    public Result webpaas(String... arguments) {
        return webpaas(Map.of(), arguments);
    }

    public Result webpaas(Map<String, String> environment, String... arguments) {
        return start(environment, arguments).finish();
    }

    /** Starts {@code bin/webpaas ARGS}; the caller reads its output while it runs. */
    public RunningCommand start(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        prepare(builder.environment());
        builder.environment().put("WEBPAAS_API_URL", server.apiUrl());
        builder.environment().putAll(environment);
        return new RunningCommand(startProcess(builder), "webpaas " + String.join(" ", arguments));
    }

    /**
     * {@code bin/webpaas ARGS} in a terminal (a pty from {@code script}), for its prompts: wait
     * for one with {@link RunningCommand#awaitStdout}, answer with {@link RunningCommand#type}.
     */
    public RunningCommand startInTerminal(String... arguments) {
        // a background job of a non-interactive shell (CI) ignores SIGINT, and children inherit that
        StringBuilder command = new StringBuilder("env --default-signal=INT,QUIT '" + launcher() + "'");
        for (String argument : arguments) {
            command.append(" '").append(argument.replace("'", "'\\''")).append("'");
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qefc", command.toString(), "/dev/null")
                .directory(home.toFile());
        prepare(builder.environment());
        builder.environment().put("WEBPAAS_API_URL", server.apiUrl());
        try {
            return new RunningCommand(builder.start(), "webpaas " + String.join(" ", arguments) + " (in a terminal)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command as a person types it (ssh, scp, git), seeing this home as the real one. */
    public Result plain(String... command) {
        List<String> sandboxed = new ArrayList<>(List.of("bwrap", "--dev-bind", "/", "/",
                "--bind", home.toString(), REAL_HOME.toString(), "--chdir", home.toString()));
        sandboxed.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(sandboxed);
        prepare(builder.environment());
        return new RunningCommand(startProcess(builder), String.join(" ", command)).finish();
    }

    /**
     * Any command, outside the sandbox; with a non-empty {@code environment}, only those variables.
     */
    public static Result run(Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        return new RunningCommand(startProcess(builder), String.join(" ", command)).finish();
    }

    public static Path launcher() {
        return Path.of(System.getProperty("webpaas.root", "..")).resolve("bin/webpaas").toAbsolutePath().normalize();
    }

    /** The environment of a fresh terminal: this home, no agent, no desktop to open a browser in. */
    private void prepare(Map<String, String> environment) {
        environment.put("HOME", home.toString());
        List.of("WEBPAAS_HOME", "WEBPAAS_API_URL", "WEBPAAS_CLI_TOKEN", "SSH_AUTH_SOCK", "DISPLAY", "WAYLAND_DISPLAY")
                .forEach(environment::remove);
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
    }

    private static Process startProcess(ProcessBuilder builder) {
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
