package io.webpaas.cli.auth;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.certificate.Certificates;
import io.webpaas.cli.sshconfig.SshSetup;

/**
 * What every kind of login ends with: the new session replaces the old one (whose tokens are
 * revoked), then the session's key pair, certificate and ssh configuration are made.
 */
public final class Logins {
    private final Cli cli;

    public Logins(Cli cli) {
        this.cli = cli;
    }

    public void complete(String apiUrl, TokenResponse tokens, boolean yes) {
        ApiClient api = new ApiClient(apiUrl);
        Introspection token = new OAuthClient(api).introspect(tokens.accessToken());
        if (!token.active()) {
            throw new CliException("The server did not recognize the token it just issued. Please try again.");
        }
        Me me = api.withBearer(tokens::accessToken).get("/api/v1/me", Me.class);
        SessionStore store = cli.sessions();
        store.load().ifPresent(previous -> revoke(previous, cli));
        store.delete();
        store.save(new Session(apiUrl, tokens.accessToken(), tokens.refreshToken(), Session.expiry(tokens, token),
                token.jti(), token.userUuid(), me.username(), token.amr(), token.mfaVerified(), token.grantType()));

        Certificates.Loaded loaded = cli.certificates().load(false);
        new SshSetup(cli).write(yes);
        cli.err().println("You are logged in as " + me.username() + " (" + me.email() + ") at " + apiUrl + ".");
        cli.err().println("Your SSH certificate is valid until " + loaded.certificate().validBefore()
                + "; it is renewed by itself when ssh needs it.");
    }

    /** Revokes the session's tokens at its server; a failure is reported, not fatal (the files go anyway). */
    static void revoke(Session session, Cli cli) {
        OAuthClient oauth = new OAuthClient(new ApiClient(session.apiUrl()));
        try {
            if (session.refreshToken() != null) {
                oauth.revoke(session.refreshToken(), "refresh_token");
            }
            oauth.revoke(session.accessToken(), "access_token");
        } catch (CliException e) {
            cli.err().println("Warning: the tokens could not be revoked at " + session.apiUrl() + ": " + e.getMessage());
        }
    }
}
