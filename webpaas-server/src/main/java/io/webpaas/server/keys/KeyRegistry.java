package io.webpaas.server.keys;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import io.webpaas.server.directory.Directory;
import io.webpaas.server.directory.ProjectAccess;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Registered SSH keys: each user's account keys, and project keys managed by the project's
 * admins. A pasted key is normalized; a private, DSA, weak RSA, certificate, unsupported or
 * garbled key, and a key already registered in the same place, are refused with a message
 * saying which. Every addition, deletion and refusal is audited.
 */
@Service
public class KeyRegistry {
    private static final int MAX_TITLE = 255;
    private static final int MAX_KEY = 16 * 1024;

    private final SshKeys keys;
    private final Directory directory;
    private final AuditLog audit;

    public KeyRegistry(SshKeys keys, Directory directory, AuditLog audit) {
        this.keys = keys;
        this.directory = directory;
        this.audit = audit;
    }

    public List<SshKey> accountKeys(UUID user) {
        return keys.ofUser(user);
    }

    public SshKey addAccountKey(Actor actor, NewKey request) {
        SshPublicKey key = parse(actor, null, request);
        keys.ofUser(actor.userUuid()).stream().filter(existing -> sameKey(existing, key)).findFirst()
                .ifPresent(existing -> {
                    throw refuse(actor, null, "key.add", ApiException.conflict("This key is already registered to "
                            + "your account as '" + existing.title() + "' (" + key.sha256Fingerprint() + ")"));
                });
        return add(actor, actor.userUuid(), null, title(actor, null, request, key), key);
    }

    public void deleteAccountKey(Actor actor, String keyId) {
        SshKey key = keys.find(keyId).filter(found -> actor.userUuid().equals(found.userUuid()))
                .orElseThrow(() -> refuse(actor, null, "key.delete", ApiException.notFound(
                        "Your account has no key '" + keyId + "'; GET /api/v1/me/keys lists them")));
        delete(actor, key);
    }

    /** A project's keys, for its admins. */
    public List<SshKey> projectKeys(Actor actor, String projectId) {
        return keys.ofProject(directory.requireAdmin(actor, projectId, "key.list").project().id());
    }

    public SshKey addProjectKey(Actor actor, String projectId, NewKey request) {
        ProjectAccess access = directory.requireAdmin(actor, projectId, "key.add");
        SshPublicKey key = parse(actor, projectId, request);
        keys.ofProject(projectId).stream().filter(existing -> sameKey(existing, key)).findFirst()
                .ifPresent(existing -> {
                    throw refuse(actor, projectId, "key.add", ApiException.conflict("This key is already registered "
                            + "to project " + projectId + " as '" + existing.title() + "' (" + key.sha256Fingerprint()
                            + ")"));
                });
        return add(actor, null, access.project().id(), title(actor, projectId, request, key), key);
    }

    public void deleteProjectKey(Actor actor, String projectId, String keyId) {
        directory.requireAdmin(actor, projectId, "key.delete");
        SshKey key = keys.find(keyId).filter(found -> projectId.equals(found.projectId()))
                .orElseThrow(() -> refuse(actor, projectId, "key.delete", ApiException.notFound("Project "
                        + projectId + " has no key '" + keyId + "'; GET /api/v1/projects/" + projectId
                        + "/keys lists them")));
        delete(actor, key);
    }

    /** For the gateway (through {@link InternalKeysApi}): every registration of the key it was offered. */
    public List<SshKey> findBySha256Fingerprint(String fingerprint) {
        return keys.findBySha256Fingerprint(fingerprint);
    }

    /**
     * For the gateway, after it accepted the key.
     *
     * @return whether the key is still registered
     */
    public boolean markUsed(String keyId) {
        return keys.markUsed(keyId, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private SshPublicKey parse(Actor actor, String projectId, NewKey request) {
        if (request.key() == null || request.key().isBlank()) {
            throw refuse(actor, projectId, "key.add", ApiException.invalid(
                    "key is required: paste your public key, the one line of your .pub file"));
        }
        if (request.key().length() > MAX_KEY) {
            throw refuse(actor, projectId, "key.add", ApiException.invalid(
                    "key is longer than " + MAX_KEY + " characters; an OpenSSH public key is one short line"));
        }
        try {
            return SshPublicKey.parse(request.key());
        } catch (InvalidPublicKeyException e) {
            throw refuse(actor, projectId, "key.add", ApiException.invalid(e.getMessage()));
        }
    }

    private String title(Actor actor, String projectId, NewKey request, SshPublicKey key) {
        String title = Optional.ofNullable(request.title()).map(String::strip).filter(t -> !t.isEmpty())
                .orElse(key.comment().isEmpty() ? key.type() + " key" : key.comment());
        if (title.length() > MAX_TITLE) {
            throw refuse(actor, projectId, "key.add",
                    ApiException.invalid("title is longer than " + MAX_TITLE + " characters"));
        }
        return title;
    }

    private SshKey add(Actor actor, UUID user, String projectId, String title, SshPublicKey key) {
        SshKey added = new SshKey(UUID.randomUUID().toString(), user, projectId, title, key.type(), key.openSsh(),
                key.sha256Fingerprint(), key.md5Fingerprint(), actor.userUuid(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        keys.add(added);
        audit.record(actor.success("key.add", projectId, detail(added)));
        return added;
    }

    private void delete(Actor actor, SshKey key) {
        keys.delete(key.id());
        audit.record(actor.success("key.delete", key.projectId(), detail(key)));
    }

    private static boolean sameKey(SshKey existing, SshPublicKey key) {
        return existing.sha256Fingerprint().equals(key.sha256Fingerprint());
    }

    private static Map<String, Object> detail(SshKey key) {
        return Map.of("key_id", key.id(), "scope", key.isProjectKey() ? "project" : "account", "title", key.title(),
                "key_type", key.keyType(), "fingerprint", key.sha256Fingerprint());
    }

    private ApiException refuse(Actor actor, String projectId, String action, ApiException refusal) {
        audit.record(actor.refused(action, projectId, refusal));
        return refusal;
    }
}
