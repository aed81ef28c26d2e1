package io.webpaas.server.auth;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security's form login handles its POST. */
@Controller
class LoginPages {
    @GetMapping(LoginFlow.LOGIN_PAGE)
    String login() {
        return "auth/login";
    }
}
