package io.webpaas.server.console;

import io.webpaas.server.audit.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * Who is signed in to the console, from the browser session's login. Console controllers
 * receive it as a method argument ({@link ConsoleUserArguments}).
 *
 * @param mfaVerified when this login passed MFA, or {@code null}
 */
public record ConsoleUser(UUID userUuid, String username, Instant mfaVerified, String clientAddress) {

    /** This user as the subject of the audit events the request causes. */
    public Actor actor() {
        return new Actor(userUuid, username, clientAddress);
    }
}
