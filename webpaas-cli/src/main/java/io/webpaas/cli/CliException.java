package io.webpaas.cli;

/**
 * A failure the user can act on: its message is printed as is (no stack trace) and the
 * process exits with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, 1);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What every command that needs a session says when there is none. */
    public static CliException notLoggedIn() {
        return new CliException("Please log in by running: webpaas login");
    }
}
