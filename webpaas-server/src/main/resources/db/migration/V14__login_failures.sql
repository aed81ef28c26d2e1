-- Failed password logins per username as typed (known or not), shared by every replica.
-- The key is the username's SHA-256: fixed size, whatever is typed.
CREATE TABLE login_failures (
    username_hash  VARCHAR(64) PRIMARY KEY,
    failures       INTEGER     NOT NULL,
    window_start   TIMESTAMP   NOT NULL,
    locks          INTEGER     NOT NULL,
    locked_until   TIMESTAMP,
    last_failure   TIMESTAMP   NOT NULL
);
CREATE INDEX login_failures_last_failure ON login_failures (last_failure);
