package io.webpaas.server.keys;

import io.webpaas.server.auth.Caller;
import io.webpaas.server.directory.SshAddresses;
import io.webpaas.server.directory.SshUsername;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Account keys under {@code /api/v1/me/keys}; project keys under {@code /api/v1/projects/{id}/keys} (admins). */
@RestController
public class KeysApi {
    private final KeyRegistry registry;
    private final SshAddresses ssh;

    public KeysApi(KeyRegistry registry, SshAddresses ssh) {
        this.registry = registry;
        this.ssh = ssh;
    }

    @GetMapping("/api/v1/me/keys")
    public AccountKeys accountKeys(Caller caller) {
        return new AccountKeys(registry.accountKeys(caller.userUuid()).stream().map(KeyView::of).toList());
    }

    @PostMapping("/api/v1/me/keys")
    @ResponseStatus(HttpStatus.CREATED)
    public KeyView addAccountKey(Caller caller, HttpServletRequest http, @RequestBody NewKey request) {
        return KeyView.of(registry.addAccountKey(caller.actor(http.getRemoteAddr()), request));
    }

    @DeleteMapping("/api/v1/me/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteAccountKey(Caller caller, HttpServletRequest http, @PathVariable String keyId) {
        registry.deleteAccountKey(caller.actor(http.getRemoteAddr()), keyId);
    }

    @GetMapping("/api/v1/projects/{projectId}/keys")
    public ProjectKeys projectKeys(Caller caller, HttpServletRequest http, @PathVariable String projectId) {
        List<KeyView> keys = registry.projectKeys(caller.actor(http.getRemoteAddr()), projectId).stream().map(KeyView::of).toList();
        SshUsername username = SshUsername.of(projectId, null, null);
        return new ProjectKeys(ssh.destination(username), ssh.port(), keys);
    }

    @PostMapping("/api/v1/projects/{projectId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    public KeyView addProjectKey(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                                 @RequestBody NewKey request) {
        return KeyView.of(registry.addProjectKey(caller.actor(http.getRemoteAddr()), projectId, request));
    }

    @DeleteMapping("/api/v1/projects/{projectId}/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteProjectKey(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                                 @PathVariable String keyId) {
        registry.deleteProjectKey(caller.actor(http.getRemoteAddr()), projectId, keyId);
    }


    public record AccountKeys(List<KeyView> keys) {
    }

    /** {@code ssh_destination} is the {@code user@host} these keys reach (the project's default app). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProjectKeys(String sshDestination, int sshPort, List<KeyView> keys) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KeyView(String id, String title, String keyType, String fingerprintSha256, String fingerprintMd5,
                          String publicKey, Instant addedAt, Instant lastUsedAt) {
        static KeyView of(SshKey key) {
            return new KeyView(key.id(), key.title(), key.keyType(), key.sha256Fingerprint(), key.md5Fingerprint(),
                    key.publicKey(), key.addedAt(), key.lastUsedAt());
        }
    }
}
