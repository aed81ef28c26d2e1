package io.webpaas.server.console;

import io.webpaas.server.config.ApiException;
import io.webpaas.server.tokens.ApiTokens;
import io.webpaas.server.tokens.NewApiToken;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API tokens: create (the secret reaches the next page once, as a flash attribute, and is
 * never readable again), list with their last use, revoke.
 */
@Controller
class TokenPages {
    private static final String PAGE = "/account/tokens";

    private final ApiTokens tokens;

    TokenPages(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping(PAGE)
    String page(ConsoleUser user, Model model) {
        model.addAttribute("tokens", tokens.list(user.userUuid()));
        if (!model.containsAttribute("name")) {
            model.addAttribute("name", "");
        }
        return "console/tokens";
    }

    @PostMapping(PAGE)
    String create(ConsoleUser user, @RequestParam(defaultValue = "") String name, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        try {
            NewApiToken created = tokens.create(user.userUuid(), name, user.mfaVerified(), user.clientAddress());
            redirect.addFlashAttribute("createdName", created.token().name());
            redirect.addFlashAttribute("createdSecret", created.secret());
            return "redirect:" + PAGE;
        } catch (ApiException refusal) {
            response.setStatus(refusal.status().value());
            model.addAttribute("name", name);
            model.addAttribute("nameError", refusal.getMessage());
            return page(user, model);
        }
    }

    @PostMapping(PAGE + "/{id}/revoke")
    String revoke(ConsoleUser user, @PathVariable UUID id) {
        if (!tokens.revoke(user.userUuid(), id, user.clientAddress())) {
            throw ApiException.notFound("You have no active API token " + id);
        }
        return "redirect:" + PAGE + "?revoked";
    }
}
