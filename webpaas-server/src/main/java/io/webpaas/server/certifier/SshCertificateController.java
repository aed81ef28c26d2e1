package io.webpaas.server.certifier;

import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CA keys to trust: {@code GET /ssh/authority}, {@code GET /ssh/host-authority} and
 * {@code GET /ssh/internal-authority}. Certificates are issued by {@link UserCertificateServlet}
 * ({@code POST /ssh}), which checks its bearer token itself; the security chain leaves
 * {@code /ssh/**} open.
 */
@RestController
class SshCertificateController {
    private final Authorities authorities;

    SshCertificateController(Authorities authorities) {
        this.authorities = authorities;
    }

    @GetMapping(path = "/ssh/authority", produces = MediaType.APPLICATION_JSON_VALUE)
    AuthorityList userAuthority() {
        return new AuthorityList(authorities.published(AuthorityPurpose.USER, Instant.now()));
    }

    @GetMapping(path = "/ssh/host-authority", produces = MediaType.APPLICATION_JSON_VALUE)
    AuthorityList hostAuthority() {
        return new AuthorityList(authorities.published(AuthorityPurpose.HOST, Instant.now()));
    }

    /** What an OpenSSH {@code sshd} standing in for a runtime trusts ({@code TrustedUserCAKeys}). */
    @GetMapping(path = "/ssh/internal-authority", produces = MediaType.APPLICATION_JSON_VALUE)
    AuthorityList internalAuthority() {
        return new AuthorityList(authorities.published(AuthorityPurpose.INTERNAL, Instant.now()));
    }
}
