-- Directory: organizations, users, projects, environments, apps and who may reach them.
-- Portable SQL: runs on H2 (all-in-one) and PostgreSQL (split deployments).

CREATE TABLE organizations (
    id           VARCHAR(36)  PRIMARY KEY,
    name         VARCHAR(64)  NOT NULL UNIQUE,
    label        VARCHAR(255) NOT NULL,
    enforce_mfa  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE users (
    uuid           VARCHAR(36)  PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL UNIQUE,
    email          VARCHAR(255) NOT NULL UNIQUE,
    password_hash  VARCHAR(255) NOT NULL,
    staff          BOOLEAN      NOT NULL DEFAULT FALSE,
    totp_secret    VARCHAR(255),            -- sealed by SecretBox; NULL until enrolled
    totp_enabled   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Organization admins manage organization settings such as MFA enforcement.
CREATE TABLE organization_members (
    organization_id VARCHAR(36) NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_uuid       VARCHAR(36) NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    role            VARCHAR(16) NOT NULL CHECK (role IN ('admin', 'member')),
    PRIMARY KEY (organization_id, user_uuid)
);

CREATE TABLE projects (
    id                  CHAR(13)     PRIMARY KEY,   -- 13 lowercase base32 characters
    organization_id     VARCHAR(36)  NOT NULL REFERENCES organizations (id),
    title               VARCHAR(255) NOT NULL,
    region              VARCHAR(64)  NOT NULL,
    default_environment VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE environments (
    project_id    CHAR(13)     NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    machine_name  VARCHAR(64)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    type          VARCHAR(16)  NOT NULL CHECK (type IN ('production', 'staging', 'development')),
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    default_app   VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, machine_name)
);

-- An app deployed in an environment. mounts: JSON array of paths relative to the app;
-- relationships: JSON object name -> {host, port, scheme, ...}; runtime_*: where it runs.
CREATE TABLE apps (
    project_id     CHAR(13)     NOT NULL,
    environment    VARCHAR(64)  NOT NULL,
    name           VARCHAR(64)  NOT NULL,
    mounts         VARCHAR      NOT NULL,
    relationships  VARCHAR      NOT NULL,
    runtime_host   VARCHAR(255) NOT NULL,
    runtime_port   INTEGER      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, environment, name),
    FOREIGN KEY (project_id, environment) REFERENCES environments (project_id, machine_name) ON DELETE CASCADE
);

CREATE TABLE memberships (
    project_id  CHAR(13)    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_uuid   VARCHAR(36) NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    role        VARCHAR(16) NOT NULL CHECK (role IN ('admin', 'contributor', 'viewer')),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, user_uuid)
);
CREATE INDEX memberships_by_user ON memberships (user_uuid);
