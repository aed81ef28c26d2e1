-- The Certifier's CA keys: user (signs users' certificates), host (signs gateway host keys),
-- internal (signs the gateway's certificates towards runtimes). One row per key generation;
-- only the user CA rotates. The private key is sealed by SecretBox (AES-GCM under the KEK).
--
-- A key signs from signs_from until the next generation's signs_from, and is published
-- (GET /ssh/authority) until retires_at, which a rotation sets to the moment the last
-- certificate the key can have signed expires. retires_at NULL: the newest key.
CREATE TABLE ssh_authorities (
    id           VARCHAR(36)  PRIMARY KEY,
    purpose      VARCHAR(16)  NOT NULL CHECK (purpose IN ('user', 'host', 'internal')),
    generation   INTEGER      NOT NULL,
    public_key   VARCHAR(255) NOT NULL,
    private_key  VARCHAR(255) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    signs_from   TIMESTAMP WITH TIME ZONE NOT NULL,
    retires_at   TIMESTAMP WITH TIME ZONE,
    -- two replicas generating or rotating at once: exactly one insert wins
    UNIQUE (purpose, generation)
);
