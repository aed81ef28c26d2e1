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
    private static final String ROTATED = "ssh_authority.rotated";

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
            CertifierException refusal = CertifierException.forbidden("only staff may rotate the user CA");
            audit.record(refused(caller, request, refusal.getMessage()));
            throw refusal;
        }
        Rotation rotation;
        try {
            rotation = authorities.rotateUserAuthority();
        } catch (RotationConflictException e) {
            audit.record(refused(caller, request, e.getMessage()));
            throw e;
        }
        audit.record(AuditEvent.success(ROTATED, caller.userUuid(), null, request.getRemoteAddr(),
                Map.of("authority", "user", "generation", rotation.generation(),
                        "signs_from", rotation.signsFrom().toString(),
                        "previous_retires_at", rotation.previousRetiresAt().toString())));
        return rotation;
    }

    private static AuditEvent refused(Caller caller, HttpServletRequest request, String reason) {
        return AuditEvent.failure(ROTATED, caller.userUuid(), null, request.getRemoteAddr(),
                Map.of("authority", "user", "reason", reason));
    }
}
