package io.webpaas.server.certifier;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body of every Certifier refusal. */
record CertifierError(String error, @JsonProperty("error_description") String errorDescription) {
}
