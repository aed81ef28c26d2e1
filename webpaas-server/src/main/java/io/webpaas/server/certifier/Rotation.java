package io.webpaas.server.certifier;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The answer to a user CA rotation: the new key and when the hand-over happens. */
public record Rotation(
        @JsonProperty("public_key") String publicKey,
        int generation,
        @JsonProperty("signs_from") Instant signsFrom,
        @JsonProperty("previous_retires_at") Instant previousRetiresAt) {
}
