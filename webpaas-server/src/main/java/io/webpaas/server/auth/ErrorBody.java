package io.webpaas.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The API's error document: {@code {"error": ..., "error_description": ...}}. */
public record ErrorBody(String error, @JsonProperty("error_description") String description) {
}
