package io.webpaas.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth2/tokens/{token}}: the seeds' introspection endpoint. No client
 * authentication: the token is its own credential, and only its holder learns about it. The
 * same document answers {@code POST /oauth2/tokens} with the form field {@code token}, which
 * keeps the token out of URLs and so out of proxies' access logs; the CLI uses that one.
 */
@RestController
class TokenIntrospectionController {
    private final LocalTokenIntrospector introspector;

    TokenIntrospectionController(LocalTokenIntrospector introspector) {
        this.introspector = introspector;
    }

    @GetMapping("/oauth2/tokens/{token}")
    ResponseEntity<Introspection> introspect(@PathVariable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(introspector.introspect(token));
    }

    /**
     * Without a token the answer is {@code {"active":false}}, as for any token that is not one,
     * and it is not audited: anyone may call this, and nothing here is a refusal worth a row.
     */
    @PostMapping(path = "/oauth2/tokens", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> introspectPosted(@RequestParam(defaultValue = "") String token, HttpServletRequest request) {
        if (request.getQueryString() != null) { // the servlet API would take a token from the URL as well
            return ResponseEntity.badRequest().body(new ErrorBody("invalid_request",
                    "POST /oauth2/tokens takes the token in the form body only, not in the URL"));
        }
        return introspect(token);
    }
}
