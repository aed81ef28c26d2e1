package io.webpaas.server.certifier;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Certifier's public endpoints: the CA keys to trust ({@code GET /ssh/authority},
 * {@code GET /ssh/host-authority}, {@code GET /ssh/internal-authority}) and certificate issuance ({@code POST /ssh}). The security
 * chain leaves {@code /ssh/**} open; {@code POST /ssh} checks its bearer token itself.
 */
@RestController
class SshCertificateController {
    private final Authorities authorities;
    private final UserCertificates userCertificates;

    SshCertificateController(Authorities authorities, UserCertificates userCertificates) {
        this.authorities = authorities;
        this.userCertificates = userCertificates;
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

    @PostMapping(path = "/ssh", produces = MediaType.APPLICATION_JSON_VALUE)
    CertificateResponse issue(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                              HttpServletRequest request) throws IOException {
        return new CertificateResponse(userCertificates.issue(authorization, request.getInputStream(),
                request.getContentLengthLong(), request.getRemoteAddr()));
    }
}
