package io.webpaas.server.auth;

import io.webpaas.server.config.WebpaasProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Introspection from this auth service's own store: one indexed read by the token's
 * SHA-256, no deserialization, so the Certifier can afford it on every certificate.
 */
@Component
public class LocalTokenIntrospector implements TokenIntrospector {
    static final String NAMESPACE = "webpaas";

    private final AuthorizationStore store;
    private final String issuer;

    public LocalTokenIntrospector(AuthorizationStore store, WebpaasProperties properties) {
        this.store = store;
        this.issuer = properties.publicUrl();
    }

    @Override
    public Introspection introspect(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Introspection.inactive();
        }
        Instant now = Instant.now();
        return store.findAccessToken(accessToken)
                .filter(token -> token.activeAt(now))
                .map(this::document)
                .orElseGet(Introspection::inactive);
    }

    private Introspection document(IssuedAccessToken token) {
        Login login = token.login();
        long iat = token.issuedAt().getEpochSecond();
        return new Introspection(true,
                login.userUuid().toString(),
                login.userUuid(),
                List.copyOf(login.amr()),
                login.authTime().getEpochSecond(),
                login.mfaVerified() == null ? null : login.mfaVerified().getEpochSecond(),
                iat,
                iat,
                token.expiresAt().getEpochSecond(),
                issuer,
                token.jti(),
                NAMESPACE,
                token.scopes().isEmpty() ? null : String.join(" ", token.scopes()),
                token.clientId(),
                token.grant(),
                token.grantType());
    }
}
