package io.webpaas.cli.auth;

import io.webpaas.cli.CliException;
import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.api.ApiException;

/**
 * The session's access token, refreshed when it has less than a minute left. A refresh
 * rotates the refresh token, so concurrent CLI processes must not both use the old one:
 * the refresh happens under the session's file lock, and a process that waited for the lock
 * reads the session again and finds the new tokens.
 */
public final class AccessTokens {
    private static final long MARGIN_SECONDS = 60;

    private final SessionStore store;
    private final String requestedApiUrl;

    /**
     * @param requestedApiUrl the server named with {@code --api-url} for this command, or null:
     *                        a session of another server is not used for it
     */
    public AccessTokens(SessionStore store, String requestedApiUrl) {
        this.store = store;
        this.requestedApiUrl = requestedApiUrl;
    }

    /** The session with an access token good for at least a minute; "Please log in" without one. */
    public Session session() {
        Session session = store.load().orElseThrow(CliException::notLoggedIn);
        if (requestedApiUrl != null && !ApiClient.sameServer(requestedApiUrl, session.apiUrl())) {
            throw new CliException("You are logged in at " + session.apiUrl() + ", not " + requestedApiUrl
                    + ". To use that server, run: webpaas login --api-url " + requestedApiUrl);
        }
        if (session.validFor(MARGIN_SECONDS)) {
            return session;
        }
        return store.locked(() -> {
            Session current = store.load().orElseThrow(CliException::notLoggedIn);
            return current.validFor(MARGIN_SECONDS) ? current : refresh(current);
        });
    }

    public String accessToken() {
        return session().accessToken();
    }

    /** An API client for the session's server that sends the access token. */
    public ApiClient api() {
        return new ApiClient(session().apiUrl()).withBearer(this::accessToken);
    }

    private Session refresh(Session session) {
        if (session.refreshToken() == null) {
            throw new CliException("Your session has expired. Please log in by running: webpaas login");
        }
        OAuthClient oauth = new OAuthClient(new ApiClient(session.apiUrl()));
        TokenResponse tokens;
        try {
            tokens = oauth.refresh(session.refreshToken());
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == 401) {
                throw new CliException("Your session has expired or was revoked. Please log in by running: webpaas login");
            }
            throw e;
        }
        Session refreshed = session.refreshed(tokens, oauth.introspect(tokens.accessToken()));
        store.save(refreshed);
        return refreshed;
    }
}
