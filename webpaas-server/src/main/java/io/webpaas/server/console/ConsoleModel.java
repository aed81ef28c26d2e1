package io.webpaas.server.console;

import io.webpaas.server.config.ApiException;
import io.webpaas.server.directory.Organizations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows besides its own content: who is signed in and the
 * organizations they administer (navigation). A refusal of the services the pages call
 * (not found, forbidden) becomes an error page with the service's own message.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    private final Organizations organizations;

    ConsoleModel(Organizations organizations) {
        this.organizations = organizations;
    }

    @ModelAttribute
    void navigation(HttpServletRequest request, Model model) {
        ConsoleUser user = ConsoleUserArguments.current(request);
        model.addAttribute("signedIn", user.username());
        model.addAttribute("administeredOrganizations", organizations.administeredBy(user.userUuid()));
    }

    @ExceptionHandler(ApiException.class)
    String refused(ApiException refusal, HttpServletRequest request, HttpServletResponse response, Model model) {
        navigation(request, model);
        response.setStatus(refusal.status().value());
        model.addAttribute("status", refusal.status().value());
        model.addAttribute("message", refusal.getMessage());
        return "console/refused";
    }
}
