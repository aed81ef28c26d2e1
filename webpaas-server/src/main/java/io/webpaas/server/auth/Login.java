package io.webpaas.server.auth;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a user proved, and when: the facts every token issued from this login carries
 * into introspection.
 *
 * @param amr authentication methods: {@code pwd}, {@code mfa}, {@code api_token}
 * @param mfaVerified when the user last passed MFA, or {@code null}
 * @param apiTokenId the API token exchanged for this login, or {@code null}
 */
public record Login(UUID userUuid, String username, List<String> amr, Instant authTime, Instant mfaVerified,
                    UUID apiTokenId) implements Serializable {
    public static final String PASSWORD = "pwd";
    public static final String MFA = "mfa";
    public static final String API_TOKEN = "api_token";

    public Login {
        amr = List.copyOf(amr);
    }

    public static Login password(UUID user, String username, Instant at) {
        return new Login(user, username, List.of(PASSWORD), at, null, null);
    }

    /** The same login after a second factor passed at {@code at}. */
    public Login withMfa(Instant at) {
        return new Login(userUuid, username, List.of(PASSWORD, MFA), authTime, at, apiTokenId);
    }
}
