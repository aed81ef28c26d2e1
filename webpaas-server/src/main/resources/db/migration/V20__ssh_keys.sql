-- Registered SSH public keys: per account (user_uuid) or per project (project_id), never both.
-- A key appears at most once per account and once per project; the gateway finds a key
-- offered to it by its SHA-256 fingerprint.
CREATE TABLE ssh_keys (
    id                  VARCHAR(36)   PRIMARY KEY,
    user_uuid           VARCHAR(36)   REFERENCES users (uuid) ON DELETE CASCADE,
    project_id          CHAR(13)      REFERENCES projects (id) ON DELETE CASCADE,
    title               VARCHAR(255)  NOT NULL,
    key_type            VARCHAR(64)   NOT NULL,
    public_key          VARCHAR(16384) NOT NULL,  -- normalized one-line OpenSSH form
    fingerprint_sha256  VARCHAR(64)   NOT NULL,
    fingerprint_md5     VARCHAR(64)   NOT NULL,
    added_by            VARCHAR(36)   NOT NULL,
    added_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at        TIMESTAMP WITH TIME ZONE,
    CHECK ((user_uuid IS NULL) <> (project_id IS NULL)),
    UNIQUE (user_uuid, fingerprint_sha256),
    UNIQUE (project_id, fingerprint_sha256)
);
CREATE INDEX ssh_keys_by_fingerprint ON ssh_keys (fingerprint_sha256);
CREATE INDEX ssh_keys_by_project ON ssh_keys (project_id);
