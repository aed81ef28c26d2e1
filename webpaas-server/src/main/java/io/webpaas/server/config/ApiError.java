package io.webpaas.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body of every JSON endpoint, in the shape OAuth2 uses. */
public record ApiError(String error, @JsonProperty("error_description") String errorDescription) {
}
