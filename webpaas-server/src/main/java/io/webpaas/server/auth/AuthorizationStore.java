package io.webpaas.server.auth;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's {@link OAuth2AuthorizationService} over {@code oauth2_authorizations}, written for
 * two needs the stock {@code JdbcOAuth2AuthorizationService} does not meet:
 * <ul>
 * <li>token values never reach the database: each token is stored as its SHA-256 and found
 *     by the hash of the value presented. A restored authorization therefore knows the value
 *     of the one token it was found by; its other tokens carry the placeholder
 *     {@code sha256:<hash>}, which {@link #save} recognises and keeps as it is;</li>
 * <li>the login facts (user, amr, auth time, MFA time) are columns, not a serialized
 *     principal, so {@link #findAccessToken} — the introspection path, run for every SSH
 *     certificate — is one indexed read with no deserialization. The stock schema's
 *     {@code blob} columns would also not run on PostgreSQL.</li>
 * </ul>
 * The only attributes Spring's providers keep are restored: the principal (a
 * {@link LoginAuthentication}), the authorization request (PKCE challenge, redirect URI;
 * stored as JSON) and the device grant's requested scopes. Consent is not used.
 *
 * <p>Saving is optimistic: an authorization read at one row version can be written back
 * only if no other request wrote it meanwhile, so two concurrent redemptions of the same
 * code, refresh token or device code cannot both succeed.
 */
@Repository
public class AuthorizationStore implements OAuth2AuthorizationService {
    private static final String HASHED = "sha256:";
    /** The row version an authorization was read at; saving it back requires it unchanged. */
    private static final String VERSION = AuthorizationStore.class.getName() + ".version";
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private enum Kind {
        CODE("code", OAuth2ParameterNames.CODE, OAuth2AuthorizationCode.class),
        ACCESS("access", OAuth2TokenType.ACCESS_TOKEN.getValue(), OAuth2AccessToken.class),
        REFRESH("refresh", OAuth2TokenType.REFRESH_TOKEN.getValue(), OAuth2RefreshToken.class),
        DEVICE_CODE("device_code", OAuth2ParameterNames.DEVICE_CODE, OAuth2DeviceCode.class),
        USER_CODE("user_code", OAuth2ParameterNames.USER_CODE, OAuth2UserCode.class);

        final String column;
        final String tokenType;
        final Class<? extends OAuth2Token> type;

        Kind(String column, String tokenType, Class<? extends OAuth2Token> type) {
            this.column = column;
            this.tokenType = tokenType;
            this.type = type;
        }

        static Optional<Kind> of(OAuth2TokenType tokenType) {
            return Arrays.stream(values()).filter(k -> k.tokenType.equals(tokenType.getValue())).findFirst();
        }
    }

    private static final List<String> COLUMNS = columns();
    /**
     * A session an API token opened ends with the token: revoking marks its sessions invalid, but
     * an exchange that was under way saves its session after that, so every lookup checks the token.
     */
    private static final String LIVE_API_TOKEN = "LEFT JOIN api_tokens t ON t.id = a.api_token_id"
            + " WHERE (a.api_token_id IS NULL OR (t.id IS NOT NULL AND t.revoked_at IS NULL)) AND ";
    private static final String SELECT = "SELECT a.*, u.username FROM oauth2_authorizations a"
            + " LEFT JOIN users u ON u.uuid = a.user_uuid " + LIVE_API_TOKEN;

    private final JdbcClient jdbc;
    private final RegisteredClientRepository clients;
    private final JsonMapper json;

    public AuthorizationStore(JdbcClient jdbc, RegisteredClientRepository clients, JsonMapper json) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.json = json;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Map<String, Object> row = toRow(authorization);
        Long loadedVersion = authorization.getAttribute(VERSION);
        if (loadedVersion == null) {
            jdbc.sql("INSERT INTO oauth2_authorizations (" + String.join(", ", COLUMNS) + ") VALUES (:"
                            + String.join(", :", COLUMNS) + ")")
                    .params(row).update();
            return;
        }
        String assignments = COLUMNS.stream().filter(c -> !c.equals("id")).map(c -> c + " = :" + c)
                .collect(Collectors.joining(", "));
        int updated = jdbc.sql("UPDATE oauth2_authorizations SET " + assignments + ", version = version + 1"
                        + " WHERE id = :id AND version = :loaded_version")
                .params(row).param("loaded_version", loadedVersion).update();
        if (updated == 0) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "the authorization was used or changed by another request", null));
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.sql("DELETE FROM oauth2_authorizations WHERE id = ?").param(authorization.getId()).update();
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return jdbc.sql(SELECT + "a.id = ?").param(id)
                .query((rs, n) -> restore(rs, null, null)).optional().orElse(null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        String hash = TokenHash.sha256(token);
        List<Kind> kinds = tokenType == null ? List.of(Kind.values()) : Kind.of(tokenType).map(List::of).orElse(List.of());
        if (kinds.isEmpty()) {
            return null;
        }
        String where = kinds.stream().map(k -> "a." + k.column + "_hash = :hash")
                .collect(Collectors.joining(" OR ", "(", ")"));
        return jdbc.sql(SELECT + where).param("hash", hash)
                .query((rs, n) -> restore(rs, matchingKind(rs, kinds, hash), token))
                .optional().orElse(null);
    }

    /** The introspection path: one indexed row, plain columns. */
    public Optional<IssuedAccessToken> findAccessToken(String accessToken) {
        return jdbc.sql("""
                        SELECT a.access_jti, a.client_id, a.grant_type, a.access_grant_type, a.access_scopes,
                               a.access_issued_at, a.access_expires_at, a.access_invalidated,
                               a.user_uuid, u.username, a.amr, a.auth_time, a.mfa_time, a.api_token_id
                        FROM oauth2_authorizations a JOIN users u ON u.uuid = a.user_uuid
                        """ + LIVE_API_TOKEN + "a.access_hash = ?")
                .param(TokenHash.sha256(accessToken))
                .query((rs, n) -> new IssuedAccessToken(
                        rs.getString("access_jti"),
                        rs.getString("client_id"),
                        rs.getString("grant_type"),
                        rs.getString("access_grant_type"),
                        words(rs.getString("access_scopes")),
                        instant(rs, "access_issued_at"),
                        instant(rs, "access_expires_at"),
                        rs.getBoolean("access_invalidated"),
                        login(rs)))
                .optional();
    }

    /** Revoking an API token ends the sessions it opened. */
    public void invalidateIssuedFrom(UUID apiTokenId) {
        jdbc.sql("""
                UPDATE oauth2_authorizations SET access_invalidated = TRUE, refresh_invalidated = TRUE,
                    version = version + 1, updated_at = ?
                WHERE api_token_id = ?""")
                .params(Timestamp.from(Instant.now()), apiTokenId.toString()).update();
    }

    /** Authorizations whose every token expired a day ago are of no further use. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void deleteExpired() {
        jdbc.sql("""
                DELETE FROM oauth2_authorizations WHERE COALESCE(refresh_expires_at, access_expires_at,
                    device_code_expires_at, code_expires_at, updated_at) < ?""")
                .param(Timestamp.from(Instant.now().minus(KEEP_AFTER_EXPIRY))).update();
    }

    private Map<String, Object> toRow(OAuth2Authorization authorization) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", authorization.getId());
        row.put("client_id", authorization.getRegisteredClientId());
        row.put("principal_name", authorization.getPrincipalName());
        row.put("grant_type", authorization.getAuthorizationGrantType().getValue());
        row.put("authorized_scopes", String.join(" ", authorization.getAuthorizedScopes()));
        Set<String> requested = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
        row.put("requested_scopes", requested == null ? null : String.join(" ", requested));
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        row.put("authorization_request", request == null ? null : json.writeValueAsString(StoredRequest.of(request)));
        Login login = authorization.getAttribute(Principal.class.getName()) instanceof LoginAuthentication la
                ? la.login() : null;
        row.put("user_uuid", login == null ? null : login.userUuid().toString());
        row.put("amr", login == null ? null : String.join(" ", login.amr()));
        row.put("auth_time", login == null ? null : Timestamp.from(login.authTime()));
        row.put("mfa_time", login == null || login.mfaVerified() == null ? null : Timestamp.from(login.mfaVerified()));
        row.put("api_token_id", login == null || login.apiTokenId() == null ? null : login.apiTokenId().toString());
        for (Kind kind : Kind.values()) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind.type);
            row.put(kind.column + "_hash", token == null ? null : hashOf(token.getToken().getTokenValue()));
            row.put(kind.column + "_issued_at", token == null ? null : timestamp(token.getToken().getIssuedAt()));
            row.put(kind.column + "_expires_at", token == null ? null : timestamp(token.getToken().getExpiresAt()));
            row.put(kind.column + "_invalidated", token != null && token.isInvalidated());
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        Map<String, Object> claims = access == null || access.getClaims() == null ? Map.of() : access.getClaims();
        row.put("access_jti", claims.get("jti"));
        row.put("access_grant_type", claims.get(AccessTokenClaims.GRANT_TYPE));
        row.put("access_scopes", access == null ? null : String.join(" ", access.getToken().getScopes()));
        row.put("updated_at", Timestamp.from(Instant.now()));
        return row;
    }

    private OAuth2Authorization restore(ResultSet rs, Kind foundBy, String presentedValue) throws SQLException {
        RegisteredClient client = clients.findById(rs.getString("client_id"));
        if (client == null) {
            return null;
        }
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
                .id(rs.getString("id"))
                .principalName(rs.getString("principal_name"))
                .authorizationGrantType(new AuthorizationGrantType(rs.getString("grant_type")))
                .authorizedScopes(words(rs.getString("authorized_scopes")))
                .attribute(VERSION, rs.getLong("version"));
        if (rs.getString("requested_scopes") != null) {
            builder.attribute(OAuth2ParameterNames.SCOPE, words(rs.getString("requested_scopes")));
        }
        if (rs.getString("authorization_request") != null) {
            builder.attribute(OAuth2AuthorizationRequest.class.getName(),
                    json.readValue(rs.getString("authorization_request"), StoredRequest.class).toRequest());
        }
        Login login = login(rs);
        if (login != null) {
            builder.attribute(Principal.class.getName(), LoginAuthentication.complete(login));
        }
        for (Kind kind : Kind.values()) {
            String hash = rs.getString(kind.column + "_hash");
            if (hash == null) {
                continue;
            }
            String value = kind == foundBy ? presentedValue : HASHED + hash;
            Instant issuedAt = instant(rs, kind.column + "_issued_at");
            Instant expiresAt = instant(rs, kind.column + "_expires_at");
            boolean invalidated = rs.getBoolean(kind.column + "_invalidated");
            OAuth2Token token = switch (kind) {
                case CODE -> new OAuth2AuthorizationCode(value, issuedAt, expiresAt);
                case ACCESS -> new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt, expiresAt,
                        words(rs.getString("access_scopes")));
                case REFRESH -> new OAuth2RefreshToken(value, issuedAt, expiresAt);
                case DEVICE_CODE -> new OAuth2DeviceCode(value, issuedAt, expiresAt);
                case USER_CODE -> new OAuth2UserCode(value, issuedAt, expiresAt);
            };
            Map<String, Object> claims = kind == Kind.ACCESS ? accessClaims(rs) : null;
            builder.token(token, metadata -> {
                metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalidated);
                if (claims != null) {
                    metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims);
                }
            });
        }
        return builder.build();
    }

    /** What save() reads back from an access token it did not generate. */
    private static Map<String, Object> accessClaims(ResultSet rs) throws SQLException {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", rs.getString("access_jti"));
        claims.put(AccessTokenClaims.GRANT_TYPE, rs.getString("access_grant_type"));
        return claims;
    }

    private static Kind matchingKind(ResultSet rs, List<Kind> kinds, String hash) throws SQLException {
        for (Kind kind : kinds) {
            if (hash.equals(rs.getString(kind.column + "_hash"))) {
                return kind;
            }
        }
        throw new IllegalStateException("row matched no token column");
    }

    private static Login login(ResultSet rs) throws SQLException {
        String user = rs.getString("user_uuid");
        if (user == null) {
            return null;
        }
        String apiToken = rs.getString("api_token_id");
        return new Login(UUID.fromString(user), rs.getString("username"), List.copyOf(words(rs.getString("amr"))),
                instant(rs, "auth_time"), instant(rs, "mfa_time"), apiToken == null ? null : UUID.fromString(apiToken));
    }

    private static String hashOf(String tokenValue) {
        return tokenValue.startsWith(HASHED) ? tokenValue.substring(HASHED.length()) : TokenHash.sha256(tokenValue);
    }

    private static Set<String> words(String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(spaceSeparated.trim().split(" +")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("id", "client_id", "principal_name", "grant_type",
                "authorized_scopes", "requested_scopes", "authorization_request", "user_uuid", "amr", "auth_time",
                "mfa_time", "api_token_id"));
        for (Kind kind : Kind.values()) {
            for (String suffix : List.of("_hash", "_issued_at", "_expires_at", "_invalidated")) {
                columns.add(kind.column + suffix);
            }
        }
        columns.addAll(List.of("access_jti", "access_grant_type", "access_scopes", "updated_at"));
        return List.copyOf(columns);
    }

    /** The authorization request as JSON: only what the code exchange checks. */
    record StoredRequest(String authorizationUri, String clientId, String redirectUri, Set<String> scopes,
                         String state, Map<String, String> additionalParameters, String authorizationRequestUri) {
        static StoredRequest of(OAuth2AuthorizationRequest request) {
            Map<String, String> additional = new LinkedHashMap<>();
            request.getAdditionalParameters().forEach((name, value) -> additional.put(name, String.valueOf(value)));
            return new StoredRequest(request.getAuthorizationUri(), request.getClientId(), request.getRedirectUri(),
                    request.getScopes(), request.getState(), additional, request.getAuthorizationRequestUri());
        }

        OAuth2AuthorizationRequest toRequest() {
            return OAuth2AuthorizationRequest.authorizationCode()
                    .authorizationUri(authorizationUri)
                    .clientId(clientId)
                    .redirectUri(redirectUri)
                    .scopes(scopes)
                    .state(state)
                    .additionalParameters(Map.copyOf(additionalParameters))
                    .authorizationRequestUri(authorizationRequestUri)
                    .build();
        }
    }
}
