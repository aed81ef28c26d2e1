package io.webpaas.server.auth;

/**
 * Answers what an access token stands for. The local implementation reads the auth
 * service's own store; a remote one speaks RFC 7662 to an external authorization server.
 * Never throws for a bad token: an unknown, expired or revoked token is
 * {@link Introspection#inactive()}.
 */
public interface TokenIntrospector {
    Introspection introspect(String accessToken);
}
