-- One-time recovery codes for a user's TOTP, stored as SHA-256 hashes; a used code keeps its row.
CREATE TABLE totp_recovery_codes (
    user_uuid  VARCHAR(36) NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    code_hash  VARCHAR(64) NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_uuid, code_hash)
);
