package io.webpaas.cli.api;

/** The server's error document: {@code {"error": …, "error_description": …}}. */
public record ApiError(String error, String errorDescription) {
}
