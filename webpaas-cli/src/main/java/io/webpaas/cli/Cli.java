package io.webpaas.cli;

import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.auth.AccessTokens;
import io.webpaas.cli.auth.SessionStore;
import io.webpaas.cli.certificate.CertificateFiles;
import io.webpaas.cli.certificate.Certificates;
import io.webpaas.cli.home.CliConfig;
import io.webpaas.cli.home.CliHome;
import io.webpaas.cli.sshconfig.SshConfiguration;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a command works with: the environment, the CLI's home and config, the server URL,
 * the session's tokens, the certificate and the ssh configuration. Commands get it in their
 * constructor; it builds each service the first time one is asked for.
 */
public final class Cli {
    public static final String DEFAULT_API_URL = "http://127.0.0.1:8080";

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final CliHome home;
    private String apiUrlOption;
    private CliConfig config;

    public Cli(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.home = CliHome.of(environment);
    }

    public static Cli fromProcess() {
        return new Cli(System.getenv(), System.out, System.err);
    }

    /** Data a script may read (tokens, values): standard output. */
    public PrintStream out() {
        return out;
    }

    /** Messages for the person at the terminal: standard error. */
    public PrintStream err() {
        return err;
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
    }

    public CliHome home() {
        return home;
    }

    public CliConfig config() {
        if (config == null) {
            config = CliConfig.read(home);
        }
        return config;
    }

    void apiUrlOption(String url) {
        this.apiUrlOption = url;
    }

    /**
     * The server to log in to: {@code --api-url}, then {@code WEBPAAS_API_URL}, then
     * {@code api-url} in the config file, then the all-in-one default. Once logged in, the
     * session's commands use the server that issued its tokens (and refuse another {@code --api-url}).
     */
    public String apiUrl() {
        return Optional.ofNullable(apiUrlOption).or(() -> env("WEBPAAS_API_URL")).or(() -> config().apiUrl())
                .orElse(DEFAULT_API_URL);
    }

    /** The server chosen by {@link #apiUrl()}, without a token. */
    public ApiClient anonymousApi() {
        return new ApiClient(apiUrl());
    }

    public SessionStore sessions() {
        return new SessionStore(home);
    }

    public AccessTokens tokens() {
        return new AccessTokens(sessions(), apiUrlOption);
    }

    /** The logged-in session's server, sending its access token (refreshed as needed). */
    public ApiClient api() {
        return tokens().api();
    }

    public Certificates certificates() {
        return new Certificates(new CertificateFiles(home.sessionSshDir()), tokens(), config().sshKeyLifetime());
    }

    public SshConfiguration sshConfiguration() {
        String launcher = env("WEBPAAS_LAUNCHER").orElse("webpaas");
        return new SshConfiguration(home, new CertificateFiles(home.sessionSshDir()),
                SshConfiguration.renewCommand(launcher, env("WEBPAAS_HOME").orElse(null)));
    }

    /** Whether a person can answer questions (a terminal on both ends). */
    public boolean interactive() {
        return System.console() != null;
    }

    /** Asks a yes/no question at the terminal; without a terminal the answer is no. */
    public boolean confirm(String question, boolean defaultYes) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s %s ", question, defaultYes ? "[Y/n]" : "[y/N]");
        if (answer == null || answer.isBlank()) {
            return defaultYes;
        }
        return answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
