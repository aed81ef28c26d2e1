package io.webpaas.server.certifier;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.auth.Introspection;
import io.webpaas.server.auth.TokenIntrospector;
import io.webpaas.server.directory.Memberships;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import io.webpaas.sshca.InvalidPublicKeyException;
import io.webpaas.sshca.SshCertificates;
import io.webpaas.sshca.SshPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /ssh}: turns an access token and a public key into a user certificate whose key ID
 * and one principal are the user's UUID, and whose extensions carry what the gateway decides on
 * offline: MFA time, authentication methods, token ID, project access and, for staff, region
 * and ticket. Every certificate issued and every refusal is audited.
 *
 * <p>Vendor extension values: {@code uuid@webpaas} the user UUID; {@code mfa@webpaas} epoch
 * seconds of the MFA (absent without MFA); {@code amr@webpaas} a JSON array such as
 * {@code ["pwd","mfa"]}; {@code token-id@webpaas} the token's {@code jti}; {@code access@webpaas}
 * a JSON object project ID to role; for staff {@code staff@webpaas} the staff member's username,
 * {@code region@webpaas} and {@code ticket@webpaas} as given.
 */
@Service
class UserCertificates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserCertificates.class);
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Pattern BEARER = Pattern.compile("(?i)Bearer +([A-Za-z0-9._~+/=-]+) *");
    /** Region and ticket end up in certificates and audit lines: short, printable, no spaces. */
    private static final Pattern STAFF_FIELD = Pattern.compile("[A-Za-z0-9._:/#-]{1,128}");

    private final TokenIntrospector introspector;
    private final Users users;
    private final Memberships memberships;
    private final Certifier certifier;
    private final AuditLog audit;
    private final JsonMapper json;
    /**
     * The threads that work on requests, a few at a time (twice the CPUs by default), the others
     * queued in arrival order. Running more at once does not finish more: MINA's key and
     * signature factories, BouncyCastle's provider lookup and H2's table lock are each one global
     * lock, and a thread paused while holding one stalls all the others. These threads take the
     * next request off the queue without sleeping. Before, each request's own thread waited for
     * a turn of a fair semaphore, and every turn handed on woke the next thread: on a loaded
     * machine a woken thread can wait a scheduler tick behind a busy one (H2's page writer, the
     * JIT) while the other CPU idles, and with every turn handed on that way all certificates
     * stopped for 2 to 4 ms several times a second. The request's thread now only waits for its
     * own answer.
     */
    private final ExecutorService certifiers;

    UserCertificates(TokenIntrospector introspector, Users users, Memberships memberships, Certifier certifier,
                     AuditLog audit, JsonMapper json, CertifierProperties properties) {
        this.introspector = introspector;
        this.users = users;
        this.memberships = memberships;
        this.certifier = certifier;
        this.audit = audit;
        this.json = json;
        this.certifiers = Executors.newFixedThreadPool(properties.concurrentRequestsOrDefault(),
                Thread.ofPlatform().name("certifier-", 1).factory());
    }

    /**
     * @param declaredLength the body's Content-Length, or -1 when not given
     * @throws CertifierException for every refusal, after auditing it
     */
    String issue(String authorization, InputStream body, long declaredLength, String clientAddress) {
        byte[] bytes = read(body, declaredLength); // before the queue: a slow client must not hold a certifier
        Future<String> certificate = certifiers.submit(() -> issue(authorization, bytes, clientAddress));
        try {
            return certificate.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CertifierException.unavailable("the server is stopping; try again");
        }
    }

    /** Lets the queued requests finish: the web server has stopped taking new ones by now. */
    @Override
    public void close() {
        certifiers.close();
    }

    private String issue(String authorization, byte[] body, String clientAddress) {
        Attempt attempt = new Attempt();
        try {
            Introspection token = authenticate(authorization);
            attempt.token = token;
            CertificateRequest request = parse(body);
            SshPublicKey key = publicKey(request.key());
            attempt.key = key;
            User user = users.find(token.userUuid())
                    .orElseThrow(() -> CertifierException.invalidToken("the token's user no longer exists"));
            Map<String, String> extensions = extensions(token, user, request);
            OpenSshCertificate certificate = sign(key, user, extensions);
            audit.record(AuditEvent.success("certificate.issued", user.uuid(), null, clientAddress,
                    attempt.detail(issued(certificate, user, request))));
            return SshCertificates.format(certificate);
        } catch (CertifierException e) {
            audit.record(AuditEvent.failure("certificate.refused", attempt.userUuid(), null, clientAddress,
                    attempt.detail(Map.of("status", e.status().value(), "error", e.error(), "reason", e.getMessage()))));
            throw e;
        }
    }

    private Introspection authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw CertifierException.noToken("an access token is required: Authorization: Bearer <access token>");
        }
        var bearer = BEARER.matcher(authorization);
        if (!bearer.matches()) {
            throw CertifierException.invalidToken("the Authorization header is not a bearer token");
        }
        Introspection token;
        try {
            token = introspector.introspect(bearer.group(1));
        } catch (RuntimeException e) {
            // a remote introspection endpoint that fails says nothing about the token
            log.warn("token introspection failed: {}", e.toString());
            throw CertifierException.unavailable("cannot check the access token right now; try again");
        }
        if (!token.active()) {
            throw CertifierException.invalidToken("the access token is invalid, expired or revoked: log in again");
        }
        if (token.userUuid() == null) {
            throw CertifierException.invalidToken("the access token does not belong to a user");
        }
        return token;
    }

    /**
     * At most one byte more than allowed, so that {@link #parse} can tell a body that is too large.
     * A declared length sizes the buffer: a body is a hundred bytes or so, and a 16 KiB buffer for
     * each was a sixth of what a certificate allocated. The servlet container ends the stream at
     * the declared length, so a body longer than it declares is cut there, as for any request.
     */
    private static byte[] read(InputStream body, long declaredLength) {
        int limit = declaredLength < 0 ? MAX_BODY_BYTES + 1 : (int) Math.min(declaredLength, MAX_BODY_BYTES + 1);
        try {
            return body.readNBytes(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private CertificateRequest parse(byte[] bytes) {
        if (bytes.length > MAX_BODY_BYTES) {
            throw CertifierException.tooLarge("the request body is over " + MAX_BODY_BYTES + " bytes");
        }
        CertificateRequest request;
        try {
            request = json.readValue(bytes, CertificateRequest.class);
        } catch (JacksonException e) {
            throw CertifierException.badRequest("the body is not the expected JSON object {\"key\": \"ssh-ed25519 AAAA…\"}");
        }
        if (request == null || request.key() == null) {
            throw CertifierException.badRequest("missing \"key\": give the OpenSSH public key to certify");
        }
        return request;
    }

    private static SshPublicKey publicKey(String pasted) {
        try {
            return SshPublicKey.parse(pasted);
        } catch (InvalidPublicKeyException e) {
            throw CertifierException.invalidKey(e.getMessage());
        }
    }

    private Map<String, String> extensions(Introspection token, User user, CertificateRequest request) {
        Map<String, String> extensions = new TreeMap<>();
        extensions.put("permit-pty", "");
        extensions.put("permit-port-forwarding", "");
        extensions.put("permit-agent-forwarding", "");
        extensions.put("uuid@webpaas", user.uuid().toString());
        if (token.mfa()) {
            extensions.put("mfa@webpaas", token.mfaVerified().toString());
        }
        extensions.put("amr@webpaas", json.writeValueAsString(token.amr() == null ? List.of() : token.amr()));
        if (token.jti() != null) {
            extensions.put("token-id@webpaas", token.jti());
        }
        Map<String, String> access = new LinkedHashMap<>();
        memberships.accessOf(user.uuid()).forEach((project, role) -> access.put(project, role.wire()));
        extensions.put("access@webpaas", json.writeValueAsString(access));
        extensions.putAll(staffExtensions(user, request));
        return extensions;
    }

    private static Map<String, String> staffExtensions(User user, CertificateRequest request) {
        boolean asked = request.region() != null || request.ticket() != null;
        if (!user.staff()) {
            if (asked) {
                throw CertifierException.forbidden("only staff may ask for a region or a ticket");
            }
            return Map.of();
        }
        if (isBlank(request.region()) || isBlank(request.ticket())) {
            throw CertifierException.forbidden("staff certificates need both a \"region\" and a \"ticket\"");
        }
        if (!STAFF_FIELD.matcher(request.region()).matches() || !STAFF_FIELD.matcher(request.ticket()).matches()) {
            throw CertifierException.badRequest(
                    "\"region\" and \"ticket\" are 1 to 128 letters, digits or . _ : / # - characters");
        }
        return Map.of("staff@webpaas", user.username(), "region@webpaas", request.region(),
                "ticket@webpaas", request.ticket());
    }

    private OpenSshCertificate sign(SshPublicKey key, User user, Map<String, String> extensions) {
        try {
            return certifier.signUser(key.publicKey(), user.uuid().toString(), extensions);
        } catch (IllegalArgumentException e) {
            throw CertifierException.invalidKey(e.getMessage());
        }
    }

    private static Map<String, Object> issued(OpenSshCertificate certificate, User user, CertificateRequest request) {
        Map<String, Object> issued = new LinkedHashMap<>();
        issued.put("serial", Long.toUnsignedString(certificate.getSerial()));
        issued.put("key_id", certificate.getId());
        issued.put("valid_before", certificate.getValidBefore());
        if (user.staff()) {
            issued.put("region", request.region());
            issued.put("ticket", request.ticket());
        }
        return issued;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** What is known about a request so far, for its audit event. */
    private static final class Attempt {
        private Introspection token;
        private SshPublicKey key;

        UUID userUuid() {
            return token == null ? null : token.userUuid();
        }

        Map<String, Object> detail(Map<String, Object> outcome) {
            Map<String, Object> detail = new LinkedHashMap<>(outcome);
            if (token != null && token.jti() != null) {
                detail.put("token_id", token.jti());
            }
            if (key != null) {
                detail.put("key_fingerprint", key.sha256Fingerprint());
            }
            return detail;
        }
    }
}
