package io.webpaas.server.auth;

import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * Resolves an {@code /api/v1} bearer token to its {@link Caller}, through the configured
 * {@link TokenIntrospector} (local store or remote RFC 7662).
 */
@Component
class CallerIntrospector implements OpaqueTokenIntrospector {
    private final TokenIntrospector tokens;
    private final Users users;

    CallerIntrospector(TokenIntrospector tokens, Users users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Introspection introspection = tokens.introspect(token);
        if (!introspection.active() || introspection.userUuid() == null) {
            throw new BadOpaqueTokenException("the access token is unknown, expired or revoked");
        }
        User user = users.find(introspection.userUuid())
                .orElseThrow(() -> new BadOpaqueTokenException("the token's user no longer exists"));
        Instant mfa = introspection.mfaVerified() == null ? null : Instant.ofEpochSecond(introspection.mfaVerified());
        return new CallerPrincipal(new Caller(user.uuid(), user.username(), List.copyOf(introspection.amr()), mfa,
                introspection.jti(), user.staff()));
    }

    /** The authenticated principal of an API request. */
    record CallerPrincipal(Caller caller) implements OAuth2AuthenticatedPrincipal {
        @Override
        public Map<String, Object> getAttributes() {
            return Map.of("sub", caller.userUuid().toString());
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of();
        }

        @Override
        public String getName() {
            return caller.userUuid().toString();
        }
    }
}
