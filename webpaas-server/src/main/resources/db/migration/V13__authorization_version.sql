-- Optimistic locking: a code, refresh token or device code is redeemed by one request only.
ALTER TABLE oauth2_authorizations ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
