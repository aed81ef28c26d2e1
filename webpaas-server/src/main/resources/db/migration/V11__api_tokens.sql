-- API tokens for scripts: exchanged for OAuth2 tokens by grant_type=api_token. Only the
-- hex SHA-256 of the secret is kept; the secret is shown once, at creation.
CREATE TABLE api_tokens (
    id            VARCHAR(36)  PRIMARY KEY,
    user_uuid     VARCHAR(36)  NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    name          VARCHAR(100) NOT NULL,
    secret_hash   CHAR(64)     NOT NULL UNIQUE,
    mfa_time      TIMESTAMP WITH TIME ZONE,         -- MFA of the session that created it
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_uuid, created_at);

