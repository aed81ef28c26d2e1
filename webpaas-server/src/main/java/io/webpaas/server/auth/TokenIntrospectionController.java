package io.webpaas.server.auth;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth2/tokens/{token}}: the seeds' introspection endpoint. No client
 * authentication: the token is its own credential, and only its holder learns about it.
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
}
