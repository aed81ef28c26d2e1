package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import org.springframework.stereotype.Component;

/**
 * What a script holding an API token may not do: mint more API tokens or change the account's
 * second factor. Either would let whoever stole the token keep the account after the owner
 * revoked it, the first with the token's MFA, the second by owning the recovery codes. Logins
 * at the login page (browser, device grant) and the console may.
 */
@Component
public class InteractiveLogins {
    private final AuditLog audit;

    InteractiveLogins(AuditLog audit) {
        this.audit = audit;
    }

    /** @throws ApiException (403, audited as {@code action}) when the caller's token came from an API token */
    public void require(Caller caller, String action, String clientAddress) {
        if (caller.amr().contains(Login.API_TOKEN)) {
            ApiException refusal = ApiException.forbidden("a token from an API token cannot do this: log in with "
                    + "webpaas login (browser or --device) or use the console");
            audit.record(caller.actor(clientAddress).refused(action, null, refusal));
            throw refusal;
        }
    }
}
