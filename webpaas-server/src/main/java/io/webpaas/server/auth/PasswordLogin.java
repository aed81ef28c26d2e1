package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first step of the browser login, and the only place a password is checked: username
 * and password (Argon2). A user with TOTP enrolled gets a login
 * {@linkplain LoginAuthentication#awaitingTotp awaiting the code}. Unknown users cost the same
 * hash check as known ones, so timing does not tell them apart; failures are throttled per
 * username (known or not) and per address by the {@link LoginThrottle}.
 */
@Component
public class PasswordLogin implements AuthenticationProvider {
    private record Account(UUID uuid, String username, String passwordHash, boolean totpEnabled) {
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final String unknownUserHash;

    PasswordLogin(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, LoginThrottle throttle) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.throttle = throttle;
        this.unknownUserHash = passwords.encode("no such user");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        String clientAddress = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Account account = jdbc.sql("SELECT uuid, username, password_hash, totp_enabled FROM users WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Account(UUID.fromString(rs.getString("uuid")), rs.getString("username"),
                        rs.getString("password_hash"), rs.getBoolean("totp_enabled")))
                .optional().orElse(null);
        UUID user = account == null ? null : account.uuid();
        LoginThrottle.Refusal refusal = throttle.refusal(username, clientAddress).orElse(null);
        if (refusal != null) {
            audit.record(AuditEvent.failure("login.throttled", user, null, clientAddress, Map.of("username", username,
                    "reason", refusal.reason(), "retry_after", refusal.retryAfter().toSeconds())));
            throw new LoginThrottledException(refusal.retryAfter());
        }
        boolean matches = passwords.matches(password, account == null ? unknownUserHash : account.passwordHash());
        if (account == null || !matches) {
            audit.record(AuditEvent.failure("login.password", user, null, clientAddress, Map.of("username", username,
                    "reason", account == null ? "unknown user" : "wrong password")));
            // The failure that reaches a limit already answers with the wait.
            refusal = throttle.failed(username, clientAddress).orElse(null);
            throw refusal == null ? new BadCredentialsException("wrong username or password")
                    : new LoginThrottledException(refusal.retryAfter());
        }
        if (!account.totpEnabled()) {
            // With TOTP, the login succeeds with its code (LoginPages).
            throttle.succeeded(username);
        }
        audit.record(AuditEvent.success("login.password", account.uuid(), null, clientAddress,
                Map.of("username", username, "totp_required", account.totpEnabled())));
        Login login = Login.password(account.uuid(), account.username(), Instant.now());
        return account.totpEnabled() ? LoginAuthentication.awaitingTotp(login) : LoginAuthentication.complete(login);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
