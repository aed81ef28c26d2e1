package io.webpaas.cli.keys;

import java.time.Instant;

/** An account key as {@code /api/v1/me/keys} shows it. */
public record SshKey(String id, String title, String keyType, String fingerprintSha256, String fingerprintMd5,
                     String publicKey, Instant addedAt, Instant lastUsedAt) {
}
