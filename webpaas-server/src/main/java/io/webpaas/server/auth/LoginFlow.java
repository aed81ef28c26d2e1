package io.webpaas.server.auth;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Where the browser goes between the steps of a login: password, TOTP when enrolled, then
 * back to what it asked for (an authorization request, the device page).
 */
@Component
public class LoginFlow {
    public static final String LOGIN_PAGE = "/login";
    public static final String TOTP_PAGE = "/login/totp";
    public static final String DEVICE_PAGE = "/device";

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SavedRequestAwareAuthenticationSuccessHandler backToSavedRequest =
            new SavedRequestAwareAuthenticationSuccessHandler();

    /**
     * Where a request without a login goes: the login page, saying so when the browser's
     * session has expired. The request itself is saved already, so the login returns to it.
     */
    public void signIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException missing)
            throws IOException {
        boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        response.sendRedirect(request.getContextPath() + LOGIN_PAGE + (expired ? "?expired" : ""));
    }

    /** After the password: the TOTP page when a code is still needed, else the saved request. */
    public void passwordAccepted(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (authentication instanceof LoginAuthentication login && !login.isComplete()) {
            response.sendRedirect(request.getContextPath() + TOTP_PAGE);
            return;
        }
        backToSavedRequest.onAuthenticationSuccess(request, response, authentication);
    }

    /** After the TOTP code: the login is complete; a new session id marks the new privilege. */
    public void complete(HttpServletRequest request, HttpServletResponse response, Login login)
            throws IOException, ServletException {
        LoginAuthentication authentication = LoginAuthentication.complete(login);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        backToSavedRequest.onAuthenticationSuccess(request, response, authentication);
    }

    /** Access denied to a login still awaiting its TOTP code means: enter the code. */
    public void continueLogin(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof LoginAuthentication login
                && !login.isComplete()) {
            response.sendRedirect(request.getContextPath() + TOTP_PAGE);
            return;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    /** The user approved a device: say so on the device page. */
    public void deviceApproved(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        response.sendRedirect(request.getContextPath() + DEVICE_PAGE + "?approved");
    }

    /** An unknown or expired user code: back to the device page, saying so. */
    public void deviceRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.sendRedirect(request.getContextPath() + DEVICE_PAGE + "?error");
    }
}
