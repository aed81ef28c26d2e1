package io.webpaas.server.console;

import io.webpaas.server.config.ApiException;
import io.webpaas.server.directory.Directory;
import io.webpaas.server.directory.ProjectAccess;
import io.webpaas.server.directory.SshAddresses;
import io.webpaas.server.directory.SshUsername;
import io.webpaas.server.keys.KeyRegistry;
import io.webpaas.server.keys.NewKey;
import io.webpaas.server.keys.SshKey;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * SSH keys: the user's account keys, and a project's keys in its settings (admins). Adding
 * and deleting go through {@link KeyRegistry}, whose refusals (private, weak or duplicate
 * key…) are shown next to the field with the form as it was typed. Deleting asks first.
 */
@Controller
class KeyPages {
    private static final String ACCOUNT_KEYS = "/account/keys";

    private final KeyRegistry registry;
    private final Directory directory;
    private final SshAddresses ssh;

    KeyPages(KeyRegistry registry, Directory directory, SshAddresses ssh) {
        this.registry = registry;
        this.directory = directory;
        this.ssh = ssh;
    }

    @GetMapping(ACCOUNT_KEYS)
    String accountKeys(ConsoleUser user, Model model) {
        return accountPage(user, model, new NewKey("", ""));
    }

    @PostMapping(ACCOUNT_KEYS)
    String addAccountKey(ConsoleUser user, @RequestParam(defaultValue = "") String title,
                         @RequestParam(defaultValue = "") String key, Model model, HttpServletResponse response) {
        NewKey typed = new NewKey(title, key);
        try {
            registry.addAccountKey(user.actor(), typed);
            return "redirect:" + ACCOUNT_KEYS + "?added";
        } catch (ApiException refusal) {
            refused(refusal, model, response);
            return accountPage(user, model, typed);
        }
    }

    @GetMapping(ACCOUNT_KEYS + "/{keyId}/delete")
    String confirmAccountKeyDeletion(ConsoleUser user, @PathVariable String keyId, Model model) {
        return confirmation(model, find(registry.accountKeys(user.userUuid()), keyId), ACCOUNT_KEYS, ACCOUNT_KEYS);
    }

    @PostMapping(ACCOUNT_KEYS + "/{keyId}/delete")
    String deleteAccountKey(ConsoleUser user, @PathVariable String keyId) {
        registry.deleteAccountKey(user.actor(), keyId);
        return "redirect:" + ACCOUNT_KEYS + "?deleted";
    }

    @GetMapping("/projects/{projectId}/settings")
    String projectSettings(ConsoleUser user, @PathVariable String projectId, Model model) {
        return projectPage(user, projectId, model, new NewKey("", ""));
    }

    @PostMapping("/projects/{projectId}/settings/keys")
    String addProjectKey(ConsoleUser user, @PathVariable String projectId, @RequestParam(defaultValue = "") String title,
                         @RequestParam(defaultValue = "") String key, Model model, HttpServletResponse response) {
        NewKey typed = new NewKey(title, key);
        try {
            registry.addProjectKey(user.actor(), projectId, typed);
            return "redirect:" + settings(projectId) + "?added";
        } catch (ApiException refusal) {
            if (refusal.status().value() == HttpServletResponse.SC_FORBIDDEN
                    || refusal.status().value() == HttpServletResponse.SC_NOT_FOUND) {
                throw refusal;
            }
            refused(refusal, model, response);
            return projectPage(user, projectId, model, typed);
        }
    }

    @GetMapping("/projects/{projectId}/settings/keys/{keyId}/delete")
    String confirmProjectKeyDeletion(ConsoleUser user, @PathVariable String projectId, @PathVariable String keyId,
                                     Model model) {
        return confirmation(model, find(registry.projectKeys(user.actor(), projectId), keyId),
                settings(projectId) + "/keys", settings(projectId));
    }

    @PostMapping("/projects/{projectId}/settings/keys/{keyId}/delete")
    String deleteProjectKey(ConsoleUser user, @PathVariable String projectId, @PathVariable String keyId) {
        registry.deleteProjectKey(user.actor(), projectId, keyId);
        return "redirect:" + settings(projectId) + "?deleted";
    }

    private String accountPage(ConsoleUser user, Model model, NewKey typed) {
        model.addAttribute("keys", registry.accountKeys(user.userUuid()));
        model.addAttribute("typed", typed);
        model.addAttribute("keysPath", ACCOUNT_KEYS);
        return "console/account-keys";
    }

    private String projectPage(ConsoleUser user, String projectId, Model model, NewKey typed) {
        ProjectAccess access = directory.requireAdmin(user.actor(), projectId, "key.list");
        model.addAttribute("access", access);
        model.addAttribute("keys", registry.projectKeys(user.actor(), projectId));
        model.addAttribute("destination", ssh.destination(SshUsername.of(projectId, null, null)));
        model.addAttribute("port", ssh.port());
        model.addAttribute("typed", typed);
        model.addAttribute("keysPath", settings(projectId) + "/keys");
        return "console/project-settings";
    }

    /** The registry's message, next to the field it is about: the title's length, or else the key. */
    private static void refused(ApiException refusal, Model model, HttpServletResponse response) {
        response.setStatus(refusal.status().value());
        model.addAttribute(refusal.getMessage().startsWith("title") ? "titleError" : "keyError", refusal.getMessage());
    }

    private static String confirmation(Model model, SshKey key, String keysPath, String back) {
        model.addAttribute("key", key);
        model.addAttribute("keysPath", keysPath);
        model.addAttribute("back", back);
        return "console/key-delete";
    }

    private static SshKey find(List<SshKey> keys, String keyId) {
        return keys.stream().filter(key -> key.id().equals(keyId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("There is no key '" + keyId + "' here: it may have been deleted"));
    }

    private static String settings(String projectId) {
        return "/projects/" + projectId + "/settings";
    }
}
