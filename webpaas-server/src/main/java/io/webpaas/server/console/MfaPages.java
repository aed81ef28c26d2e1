package io.webpaas.server.console;

import io.webpaas.server.auth.TotpFactor;
import io.webpaas.server.directory.Users;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Multifactor authentication: enroll TOTP (the secret as a QR code and as text, shown on the
 * enrollment's answer only), confirm it with a first code (the recovery codes are shown once,
 * through a flash attribute), replace the recovery codes or disable it with a fresh code.
 */
@Controller
class MfaPages {
    private static final String PAGE = "/account/mfa";
    private static final String WRONG_FRESH_CODE = "The code does not match or was used already: enter the next "
            + "code from your authenticator app.";

    private final TotpFactor totp;
    private final Users users;

    MfaPages(TotpFactor totp, Users users) {
        this.totp = totp;
        this.users = users;
    }

    @GetMapping(PAGE)
    String page(ConsoleUser user, Model model) {
        boolean enabled = users.find(user.userUuid()).orElseThrow().totpEnabled();
        model.addAttribute("enabled", enabled);
        model.addAttribute("recoveryCodesLeft", enabled ? totp.unusedRecoveryCodes(user.userUuid()) : 0);
        return "console/mfa";
    }

    @PostMapping(PAGE + "/enroll")
    String enroll(ConsoleUser user, Model model) {
        return totp.enroll(user.userUuid(), user.username()).map(enrollment -> {
            model.addAttribute("secret", enrollment.secret());
            model.addAttribute("qr", QrSvg.of(enrollment.otpauthUri()));
            return "console/mfa-enroll";
        }).orElse("redirect:" + PAGE);
    }

    @PostMapping(PAGE + "/confirm")
    String confirm(ConsoleUser user, @RequestParam(defaultValue = "") String code, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        TotpFactor.Confirmation confirmation = totp.confirm(user.userUuid(), code, user.clientAddress());
        return switch (confirmation.outcome()) {
            case ACCEPTED -> {
                redirect.addFlashAttribute("recoveryCodes", confirmation.recoveryCodes());
                yield "redirect:" + PAGE;
            }
            case WRONG_CODE -> {
                // The secret is not shown again: the app has it already, or the user starts over.
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("codeError", "The code does not match: enter the current 6-digit code from your "
                        + "authenticator app.");
                yield "console/mfa-enroll";
            }
            case NOT_ENROLLED, ALREADY_ENABLED -> "redirect:" + PAGE;
        };
    }

    @PostMapping(PAGE + "/recovery-codes")
    String regenerate(ConsoleUser user, @RequestParam(defaultValue = "") String code, Model model,
                      RedirectAttributes redirect, HttpServletResponse response) {
        TotpFactor.Confirmation confirmation = totp.regenerateRecoveryCodes(user.userUuid(), code, user.clientAddress());
        if (confirmation.outcome() == TotpFactor.Outcome.WRONG_CODE) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("regenerateError", WRONG_FRESH_CODE);
            return page(user, model);
        }
        redirect.addFlashAttribute("recoveryCodes", confirmation.recoveryCodes());
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/disable")
    String disable(ConsoleUser user, @RequestParam(defaultValue = "") String code, Model model,
                   HttpServletResponse response) {
        if (totp.disable(user.userUuid(), code, user.clientAddress()) == TotpFactor.Outcome.WRONG_CODE) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", WRONG_FRESH_CODE);
            return page(user, model);
        }
        return "redirect:" + PAGE + "?disabled";
    }
}
