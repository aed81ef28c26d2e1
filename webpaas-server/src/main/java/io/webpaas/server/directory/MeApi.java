package io.webpaas.server.directory;

import io.webpaas.server.auth.Caller;
import io.webpaas.server.config.ApiException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/me}: who the bearer token stands for. */
@RestController
public class MeApi {
    private final Users users;

    public MeApi(Users users) {
        this.users = users;
    }

    @GetMapping("/api/v1/me")
    public Me me(Caller caller) {
        User user = users.find(caller.userUuid())
                .orElseThrow(() -> ApiException.notFound("Your account no longer exists"));
        return new Me(user.uuid().toString(), user.username(), user.email(), user.staff(), user.totpEnabled(),
                caller.amr(), caller.mfaVerified(), user.createdAt());
    }

    /** {@code amr} and {@code mfa_verified} describe the token used for this call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Me(String uuid, String username, String email, boolean staff, boolean totpEnabled, List<String> amr,
                     Instant mfaVerified, Instant createdAt) {
    }
}
