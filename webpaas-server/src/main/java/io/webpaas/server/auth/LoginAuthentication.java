package io.webpaas.server.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user's login as Spring Security sees it: in the browser session, and as the principal
 * of every OAuth2 authorization. Its name is the user's UUID (the token's {@code sub}).
 *
 * <p>A password login of a user with TOTP enrolled is {@linkplain #isComplete() incomplete}
 * until the code is entered: neither authenticated nor holding an authority, it opens
 * nothing but the TOTP page.
 */
public final class LoginAuthentication extends AbstractAuthenticationToken {
    /** The authority of a finished login, required by the browser and authorization endpoints. */
    public static final String COMPLETE = "LOGIN_COMPLETE";

    private final Login login;

    private LoginAuthentication(Login login, List<GrantedAuthority> authorities, boolean complete) {
        super(authorities);
        this.login = login;
        setAuthenticated(complete);
    }

    public static LoginAuthentication complete(Login login) {
        return new LoginAuthentication(login, List.of(new SimpleGrantedAuthority(COMPLETE)), true);
    }

    /**
     * Not authenticated as far as Spring is concerned, so the authorization endpoints,
     * which look only at {@code isAuthenticated()}, issue nothing for it.
     */
    public static LoginAuthentication awaitingTotp(Login login) {
        return new LoginAuthentication(login, List.of(), false);
    }

    public boolean isComplete() {
        return isAuthenticated();
    }

    public Login login() {
        return login;
    }

    @Override
    public Login getPrincipal() {
        return login;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return login.userUuid().toString();
    }
}
