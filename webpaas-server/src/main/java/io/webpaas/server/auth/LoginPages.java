package io.webpaas.server.auth;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.logout.CookieClearingLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The browser's pages: login (its POST is Spring Security's form login), the TOTP step, and
 * the device page where a user approves a CLI that logs in with the device grant.
 */
@Controller
class LoginPages {
    static final int MAX_WRONG_CODES = 5;
    private static final String ENDED_BY_CODES = "codes";
    private static final String ENDED_BY_LOCK = "locked";
    private static final String WRONG_CODES = LoginPages.class.getName() + ".wrongCodes";

    private final TotpFactor totp;
    private final LoginFlow flow;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    LoginPages(TotpFactor totp, LoginFlow flow, LoginThrottle throttle, AuditLog audit) {
        this.totp = totp;
        this.flow = flow;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * After a refusal ({@code ?error}): a wrong password, or why the TOTP step ended the login
     * ({@code ?error=codes}, {@code ?error=locked}); a throttled password login finds its wait in
     * the session.
     */
    @GetMapping(LoginFlow.LOGIN_PAGE)
    String login(HttpServletRequest request, Model model) {
        String error = request.getParameter("error");
        HttpSession session = request.getSession(false);
        if (error == null) {
            return "auth/login";
        }
        if (session != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                instanceof LoginThrottledException throttled) {
            model.addAttribute("throttledMinutes", throttled.minutes());
        } else {
            model.addAttribute("loginError", switch (error) {
                case ENDED_BY_CODES, ENDED_BY_LOCK -> error;
                default -> "password";
            });
        }
        return "auth/login";
    }

    @GetMapping(LoginFlow.TOTP_PAGE)
    String totpPage() {
        return awaitingTotp() == null ? "redirect:/" : "auth/totp";
    }

    /**
     * Every wrong code counts against the username like a wrong password, and a locked username
     * takes no code: with the password, one could otherwise open many pending logins and guess
     * a few codes in each. A login that reaches the lock, or {@value #MAX_WRONG_CODES} wrong
     * codes, ends: the password must be entered again.
     */
    @PostMapping(LoginFlow.TOTP_PAGE)
    void totpCode(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Login login = awaitingTotp();
        if (login == null) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        String address = request.getRemoteAddr();
        Optional<LoginThrottle.Refusal> locked = throttle.refusal(login.username(), address);
        if (locked.isPresent()) {
            audit.record(AuditEvent.failure("login.throttled", login.userUuid(), null, address,
                    Map.of("username", login.username(), "reason", locked.get().reason(), "step", "totp",
                            "retry_after", locked.get().retryAfter().toSeconds())));
            end(request, response, ENDED_BY_LOCK);
        } else if (totp.verify(login.userUuid(), code, address) == TotpFactor.Outcome.ACCEPTED) {
            throttle.succeeded(login.username());
            flow.complete(request, response, login.withMfa(Instant.now()));
        } else if (throttle.failed(login.username(), address).isPresent()) {
            end(request, response, ENDED_BY_LOCK);
        } else if (wrongCodes(request.getSession()) >= MAX_WRONG_CODES) {
            end(request, response, ENDED_BY_CODES);
        } else {
            response.sendRedirect(request.getContextPath() + LoginFlow.TOTP_PAGE + "?error");
        }
    }

    private static void end(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        request.getSession().invalidate();
        SecurityContextHolder.clearContext();
        new CookieClearingLogoutHandler(SecurityConfig.SESSION_COOKIE).logout(request, response, null);
        response.sendRedirect(request.getContextPath() + LoginFlow.LOGIN_PAGE + "?error=" + why);
    }

    private static int wrongCodes(HttpSession session) {
        Integer before = (Integer) session.getAttribute(WRONG_CODES);
        int now = before == null ? 1 : before + 1;
        session.setAttribute(WRONG_CODES, now);
        return now;
    }

    @GetMapping(LoginFlow.DEVICE_PAGE)
    String device() {
        return "auth/device";
    }

    /** Read from the context itself: Spring MVC hides a not-yet-authenticated principal. */
    private static Login awaitingTotp() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof LoginAuthentication login
                && !login.isComplete() ? login.login() : null;
    }
}
