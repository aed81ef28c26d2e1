package io.webpaas.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * TOTP enrollment: {@code POST /api/v1/me/totp} gives a secret and its otpauth URI;
 * {@code POST /api/v1/me/totp/confirm {"code"}} enables TOTP once a code from the app matches.
 * Only for a login's token, not one from an API token ({@link InteractiveLogins}).
 */
@RestController
class TotpController {
    record ConfirmRequest(String code) {
    }

    private final TotpFactor totp;
    private final InteractiveLogins interactive;

    TotpController(TotpFactor totp, InteractiveLogins interactive) {
        this.totp = totp;
        this.interactive = interactive;
    }

    @PostMapping("/api/v1/me/totp")
    ResponseEntity<?> enroll(Caller caller, HttpServletRequest request) {
        interactive.require(caller, "totp.enrolled", request.getRemoteAddr());
        return totp.enroll(caller.userUuid(), caller.username())
                .<ResponseEntity<?>>map(enrollment -> ResponseEntity.status(HttpStatus.CREATED).body(enrollment))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(new ErrorBody("totp_enabled",
                        "TOTP is already enabled for this account")));
    }

    @PostMapping("/api/v1/me/totp/confirm")
    ResponseEntity<?> confirm(Caller caller, @RequestBody(required = false) ConfirmRequest body, HttpServletRequest request) {
        interactive.require(caller, "totp.enabled", request.getRemoteAddr());
        String code = body == null ? null : body.code();
        TotpFactor.Confirmation confirmation = totp.confirm(caller.userUuid(), code, request.getRemoteAddr());
        return switch (confirmation.outcome()) {
            case ACCEPTED -> ResponseEntity.ok(new Confirmed(true, confirmation.recoveryCodes()));
            case WRONG_CODE -> ResponseEntity.badRequest().body(new ErrorBody("invalid_code",
                    "the code does not match: enter the current 6-digit code from your authenticator app"));
            case NOT_ENROLLED -> ResponseEntity.badRequest().body(new ErrorBody("not_enrolled",
                    "start with POST /api/v1/me/totp to get a secret"));
            case ALREADY_ENABLED -> ResponseEntity.status(HttpStatus.CONFLICT).body(new ErrorBody("totp_enabled",
                    "TOTP is already enabled for this account"));
        };
    }

    /** The recovery codes are in this answer only. */
    record Confirmed(@JsonProperty("totp_enabled") boolean totpEnabled,
                     @JsonProperty("recovery_codes") List<String> recoveryCodes) {
    }
}
