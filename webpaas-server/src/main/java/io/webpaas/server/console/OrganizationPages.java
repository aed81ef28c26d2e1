package io.webpaas.server.console;

import io.webpaas.server.directory.Organization;
import io.webpaas.server.directory.OrganizationSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An organization's settings, for its admins: MFA over SSH, with who has not enrolled yet. */
@Controller
class OrganizationPages {
    private final OrganizationSettings settings;

    OrganizationPages(OrganizationSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/organizations/{name}")
    String page(ConsoleUser user, @PathVariable String name, Model model) {
        Organization organization = settings.requireAdmin(user.actor(), name, "organization.read");
        model.addAttribute("organization", organization);
        model.addAttribute("membersWithoutMfa", settings.membersWithoutMfa(organization));
        return "console/organization";
    }

    @PostMapping("/organizations/{name}/mfa")
    String enforceMfa(ConsoleUser user, @PathVariable String name, @RequestParam(defaultValue = "false") boolean enforce) {
        settings.enforceMfa(user.actor(), name, enforce);
        return "redirect:/organizations/" + name + "?saved";
    }
}
