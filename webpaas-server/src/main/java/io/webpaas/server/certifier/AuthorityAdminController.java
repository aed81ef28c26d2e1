package io.webpaas.server.certifier;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff operations on the CAs. Under {@code /api/v1}, so the caller is bearer-authenticated. */
@RestController
class AuthorityAdminController {
    private final Authorities authorities;
    private final AuditLog audit;

    AuthorityAdminController(Authorities authorities, AuditLog audit) {
        this.authorities = authorities;
        this.audit = audit;
    }

    /** Starts a user CA rotation; see {@link Authorities#rotateUserAuthority()}. */
    @PostMapping(path = "/api/v1/admin/ssh-authorities/user/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    Rotation rotateUserAuthority(Caller caller, HttpServletRequest request) {
        if (!caller.staff()) {
            audit.record(AuditEvent.failure("ssh_authority.rotated", caller.userUuid(), null, request.getRemoteAddr(),
                    Map.of("authority", "user", "reason", "not staff")));
            throw CertifierException.forbidden("only staff may rotate the user CA");
        }
        Rotation rotation = authorities.rotateUserAuthority();
        audit.record(AuditEvent.success("ssh_authority.rotated", caller.userUuid(), null, request.getRemoteAddr(),
                Map.of("authority", "user", "generation", rotation.generation(),
                        "signs_from", rotation.signsFrom().toString(),
                        "previous_retires_at", rotation.previousRetiresAt().toString())));
        return rotation;
    }

}
