package io.webpaas.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/**
 * The token introspection document of the seeds ({@code GET /oauth2/tokens/{token}}), a
 * superset of RFC 7662. Times are epoch seconds; {@code mfaVerified} is absent without MFA.
 * An inactive token is only {@code {"active": false}}. {@code sub} is the user's UUID;
 * {@code grant} is the grant that began the login (authorization_code, device_code,
 * api_token) and {@code grantType} the one that issued this token (the same, or
 * refresh_token).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Introspection(
        boolean active,
        String sub,
        @JsonProperty("user_uuid") UUID userUuid,
        List<String> amr,
        @JsonProperty("auth_time") Long authTime,
        @JsonProperty("mfa_verified") Long mfaVerified,
        Long iat,
        Long nbf,
        Long exp,
        String iss,
        String jti,
        String ns,
        String scope,
        @JsonProperty("client_id") String clientId,
        String grant,
        @JsonProperty("grant_type") String grantType) {

    public static Introspection inactive() {
        return new Introspection(false, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The seeds' document repeats {@code exp} as {@code expires}. */
    @JsonProperty("expires")
    public Long expires() {
        return exp;
    }

    public boolean mfa() {
        return active && mfaVerified != null;
    }
}
