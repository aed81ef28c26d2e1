-- OAuth2 authorizations (Spring's OAuth2Authorization), one row each. Every token is kept
-- only as the hex SHA-256 of its value, so a copy of the database grants nothing. The
-- login facts are plain columns: introspection reads one indexed row and parses nothing.
-- Portable SQL: runs on H2 (all-in-one) and PostgreSQL (split deployments).
CREATE TABLE oauth2_authorizations (
    id                     VARCHAR(100)  PRIMARY KEY,
    client_id              VARCHAR(100)  NOT NULL,
    principal_name         VARCHAR(200)  NOT NULL,
    grant_type             VARCHAR(100)  NOT NULL,   -- the grant that began the authorization
    authorized_scopes      VARCHAR(1000) NOT NULL,   -- space separated
    requested_scopes       VARCHAR(1000),            -- device grant, until the user approves
    authorization_request  VARCHAR,                  -- JSON, authorization code grant only
    user_uuid              VARCHAR(36),              -- NULL until a user logged in
    amr                    VARCHAR(100),             -- space separated: pwd, mfa, api_token
    auth_time              TIMESTAMP WITH TIME ZONE,
    mfa_time               TIMESTAMP WITH TIME ZONE,
    api_token_id           VARCHAR(36),              -- set when issued by the api_token grant

    code_hash              CHAR(64),
    code_issued_at         TIMESTAMP WITH TIME ZONE,
    code_expires_at        TIMESTAMP WITH TIME ZONE,
    code_invalidated       BOOLEAN NOT NULL DEFAULT FALSE,

    access_hash            CHAR(64),
    access_issued_at       TIMESTAMP WITH TIME ZONE,
    access_expires_at      TIMESTAMP WITH TIME ZONE,
    access_invalidated     BOOLEAN NOT NULL DEFAULT FALSE,
    access_jti             VARCHAR(36),
    access_scopes          VARCHAR(1000),
    access_grant_type      VARCHAR(100),             -- the grant that issued this access token

    refresh_hash           CHAR(64),
    refresh_issued_at      TIMESTAMP WITH TIME ZONE,
    refresh_expires_at     TIMESTAMP WITH TIME ZONE,
    refresh_invalidated    BOOLEAN NOT NULL DEFAULT FALSE,

    device_code_hash       CHAR(64),
    device_code_issued_at  TIMESTAMP WITH TIME ZONE,
    device_code_expires_at TIMESTAMP WITH TIME ZONE,
    device_code_invalidated BOOLEAN NOT NULL DEFAULT FALSE,

    user_code_hash         CHAR(64),
    user_code_issued_at    TIMESTAMP WITH TIME ZONE,
    user_code_expires_at   TIMESTAMP WITH TIME ZONE,
    user_code_invalidated  BOOLEAN NOT NULL DEFAULT FALSE,

    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX oauth2_authorizations_code ON oauth2_authorizations (code_hash);
CREATE UNIQUE INDEX oauth2_authorizations_access ON oauth2_authorizations (access_hash);
CREATE UNIQUE INDEX oauth2_authorizations_refresh ON oauth2_authorizations (refresh_hash);
CREATE UNIQUE INDEX oauth2_authorizations_device_code ON oauth2_authorizations (device_code_hash);
CREATE UNIQUE INDEX oauth2_authorizations_user_code ON oauth2_authorizations (user_code_hash);
CREATE INDEX oauth2_authorizations_by_api_token ON oauth2_authorizations (api_token_id);
CREATE INDEX oauth2_authorizations_by_update ON oauth2_authorizations (updated_at);
