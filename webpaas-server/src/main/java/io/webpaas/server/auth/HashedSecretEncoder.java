package io.webpaas.server.auth;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are random, so they are checked against a SHA-256 (see {@link TokenHash})
 * rather than the Argon2 used for passwords, which would cost tens of milliseconds on
 * every remote introspection.
 */
final class HashedSecretEncoder implements PasswordEncoder {
    @Override
    public String encode(CharSequence rawSecret) {
        return TokenHash.sha256(rawSecret.toString());
    }

    @Override
    public boolean matches(CharSequence rawSecret, String storedHash) {
        return rawSecret != null && storedHash != null && TokenHash.matches(rawSecret.toString(), storedHash);
    }
}
