package io.webpaas.server.tokens;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An API token as listed: never its secret.
 *
 * @param mfaVerified the MFA time of the session that created it; tokens it issues carry it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiToken(
        UUID id,
        @JsonIgnore UUID userUuid,
        String name,
        @JsonProperty("mfa_verified") Instant mfaVerified,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_used_at") Instant lastUsedAt) {
}
