package io.webpaas.cli.api;

import io.webpaas.cli.CliException;

/** The server answered with an error status; the message says what it said. */
public final class ApiException extends CliException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String description) {
        super(message(status, error, description));
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    /** The OAuth2-style error code, e.g. {@code invalid_grant}; may be null. */
    public String error() {
        return error;
    }

    private static String message(int status, String error, String description) {
        String said = description != null && !description.isBlank() ? description
                : error != null ? error : "HTTP " + status;
        return switch (status) {
            case 401 -> "The server did not accept your login (" + said + "). Please log in by running: webpaas login";
            case 403 -> "Access denied: " + said;
            case 404 -> "Not found: " + said;
            default -> status >= 500 ? "The WebPaaS server failed (HTTP " + status + "): " + said + ". Try again later."
                    : "The server refused the request: " + said;
        };
    }
}
