package io.webpaas.server.tokens;

import io.webpaas.server.auth.Caller;
import io.webpaas.server.auth.ErrorBody;
import io.webpaas.server.auth.InteractiveLogins;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's API tokens: create (the secret is shown once), list, revoke. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {
    record CreateRequest(String name) {
    }

    private final ApiTokens tokens;
    private final InteractiveLogins interactive;

    ApiTokenController(ApiTokens tokens, InteractiveLogins interactive) {
        this.tokens = tokens;
        this.interactive = interactive;
    }

    @PostMapping
    ResponseEntity<?> create(Caller caller, @RequestBody(required = false) CreateRequest body, HttpServletRequest request) {
        interactive.require(caller, "api_token.created", request.getRemoteAddr());
        NewApiToken created = tokens.create(caller.userUuid(), body == null ? null : body.name(), caller.mfaVerified(),
                request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping
    List<ApiToken> list(Caller caller) {
        return tokens.list(caller.userUuid());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(Caller caller, @PathVariable String id, HttpServletRequest request) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound(id);
        }
        return tokens.revoke(caller.userUuid(), tokenId, request.getRemoteAddr())
                ? ResponseEntity.noContent().build() : notFound(id);
    }

    private static ResponseEntity<ErrorBody> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(new ErrorBody("not_found", "you have no active API token " + id));
    }
}
