package io.webpaas.server.auth;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
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
    private static final String WRONG_CODES = LoginPages.class.getName() + ".wrongCodes";

    private final TotpFactor totp;
    private final LoginFlow flow;
    private final LoginThrottle throttle;

    LoginPages(TotpFactor totp, LoginFlow flow, LoginThrottle throttle) {
        this.totp = totp;
        this.flow = flow;
        this.throttle = throttle;
    }

    /** After a refusal ({@code ?error}) the session holds why: a throttled login is told how long to wait. */
    @GetMapping(LoginFlow.LOGIN_PAGE)
    String login(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (request.getParameter("error") != null && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LoginThrottledException throttled) {
            model.addAttribute("throttledMinutes", throttled.minutes());
        }
        return "auth/login";
    }

    @GetMapping(LoginFlow.TOTP_PAGE)
    String totpPage() {
        return awaitingTotp() == null ? "redirect:/" : "auth/totp";
    }

    @PostMapping(LoginFlow.TOTP_PAGE)
    void totpCode(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Login login = awaitingTotp();
        if (login == null) {
            response.sendRedirect(request.getContextPath() + "/");
        } else if (totp.verify(login.userUuid(), code, request.getRemoteAddr()) == TotpFactor.Outcome.ACCEPTED) {
            throttle.succeeded(login.username());
            flow.complete(request, response, login.withMfa(Instant.now()));
        } else if (wrongCodes(request.getSession()) >= MAX_WRONG_CODES) {
            // Guessing 6 digits takes many tries: after a few, the password must be entered again,
            // and the ended login counts as a failed one, so the guessing is throttled too.
            throttle.failed(login.username(), request.getRemoteAddr());
            request.getSession().invalidate();
            SecurityContextHolder.clearContext();
            new CookieClearingLogoutHandler(SecurityConfig.SESSION_COOKIE).logout(request, response, null);
            response.sendRedirect(request.getContextPath() + LoginFlow.LOGIN_PAGE + "?error");
        } else {
            response.sendRedirect(request.getContextPath() + LoginFlow.TOTP_PAGE + "?error");
        }
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
