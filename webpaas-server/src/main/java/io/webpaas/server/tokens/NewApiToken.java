package io.webpaas.server.tokens;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to creating an API token: the only time its secret is shown. */
public record NewApiToken(@JsonUnwrapped ApiToken token, String secret) {
}
