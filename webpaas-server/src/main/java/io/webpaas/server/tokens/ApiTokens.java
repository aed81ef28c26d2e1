package io.webpaas.server.tokens;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.AuthorizationStore;
import io.webpaas.server.auth.TokenHash;
import io.webpaas.server.config.ApiException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: {@code wpat_} + 32 random bytes (base64url). Only the SHA-256 of the secret is
 * stored; a token is found by the hash of what is presented.
 */
@Service
public class ApiTokens {
    static final String PREFIX = "wpat_";
    static final int MAX_NAME = 100;
    private static final int SECRET_BYTES = 32;
    private static final String COLUMNS = "id, user_uuid, name, mfa_time, created_at, last_used_at";

    private final JdbcClient jdbc;
    private final AuthorizationStore authorizations;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcClient jdbc, AuthorizationStore authorizations, AuditLog audit) {
        this.jdbc = jdbc;
        this.authorizations = authorizations;
        this.audit = audit;
    }

    /**
     * @param mfaVerified the creating session's MFA time, or {@code null}: tokens exchanged
     *                    from this API token carry it
     * @throws ApiException when the name is empty or longer than {@value #MAX_NAME} characters (audited)
     */
    public NewApiToken create(UUID user, String requestedName, Instant mfaVerified, String clientAddress) {
        String name = requestedName == null ? "" : requestedName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            ApiException refusal = ApiException.invalid("give the token a name of 1 to " + MAX_NAME + " characters");
            audit.record(new Actor(user, null, clientAddress).refused("api_token.created", null, refusal));
            throw refusal;
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = new ApiToken(UUID.randomUUID(), user, name, mfaVerified, Instant.now(), null);
        jdbc.sql("""
                INSERT INTO api_tokens (id, user_uuid, name, secret_hash, mfa_time, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(token.id().toString(), user.toString(), name, TokenHash.sha256(secret),
                        mfaVerified == null ? null : Timestamp.from(mfaVerified), Timestamp.from(token.createdAt()))
                .update();
        audit.record(AuditEvent.success("api_token.created", user, null, clientAddress,
                Map.of("token_id", token.id().toString(), "name", name, "mfa", mfaVerified != null)));
        return new NewApiToken(token, secret);
    }

    /** The user's tokens that are not revoked, oldest first. */
    public List<ApiToken> list(UUID user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE user_uuid = ? AND revoked_at IS NULL ORDER BY created_at, id")
                .param(user.toString()).query(ApiTokens::map).list();
    }

    /**
     * Revokes the user's token and ends the sessions it opened.
     *
     * @return false when the user has no such active token
     */
    @Transactional
    public boolean revoke(UUID user, UUID id, String clientAddress) {
        int revoked = jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_uuid = ? AND revoked_at IS NULL")
                .params(Timestamp.from(Instant.now()), id.toString(), user.toString()).update();
        if (revoked == 0) {
            audit.record(AuditEvent.failure("api_token.revoked", user, null, clientAddress,
                    Map.of("token_id", id.toString(), "reason", "no such active token")));
            return false;
        }
        authorizations.invalidateIssuedFrom(id);
        audit.record(AuditEvent.success("api_token.revoked", user, null, clientAddress,
                Map.of("token_id", id.toString())));
        return true;
    }

    /** The active token with this secret, marked as used now. */
    public Optional<ApiToken> use(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql("SELECT " + COLUMNS + " FROM api_tokens WHERE secret_hash = ? AND revoked_at IS NULL")
                .param(TokenHash.sha256(secret)).query(ApiTokens::map).optional();
        token.ifPresent(t -> jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now()), t.id().toString()).update());
        return token;
    }

    /** Whether a secret still names an active token, without marking it used. */
    public boolean isActive(String secret) {
        return jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE secret_hash = ? AND revoked_at IS NULL")
                .param(TokenHash.sha256(secret)).query(Long.class).single() > 0;
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        Timestamp mfa = rs.getTimestamp("mfa_time");
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new ApiToken(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("user_uuid")),
                rs.getString("name"), mfa == null ? null : mfa.toInstant(), rs.getTimestamp("created_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
