package io.webpaas.server.console;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditSearch;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, filtered by project, user and type, newest first, with each event's staff ticket. */
@Controller
class AuditPages {
    private final AuditSearch search;
    private final Users users;

    AuditPages(AuditSearch search, Users users) {
        this.search = search;
        this.users = users;
    }

    @GetMapping("/audit")
    String page(ConsoleUser user, @RequestParam(required = false) String project,
                @RequestParam(name = "user", required = false) String username,
                @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page, Model model) {
        AuditSearch.Filter filter = new AuditSearch.Filter(project, username, type, page);
        AuditSearch.Page found = search.find(user.actor(), filter);
        model.addAttribute("filter", filter);
        model.addAttribute("events", found.events().stream().map(event -> Row.of(event, usernames(found))).toList());
        model.addAttribute("hasOlder", found.hasOlder());
        return "console/audit";
    }

    /** An event as the table shows it: the user by name, the staff ticket apart, the rest of the detail as text. */
    record Row(AuditEvent event, String username, String ticket, String detail) {
        static Row of(AuditEvent event, Map<UUID, String> usernames) {
            Map<String, Object> detail = event.detail() == null ? Map.of() : event.detail();
            return new Row(event, event.userUuid() == null ? "" : usernames.get(event.userUuid()),
                    Objects.toString(detail.get("ticket"), ""),
                    detail.entrySet().stream().filter(entry -> !"ticket".equals(entry.getKey()))
                            .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted()
                            .collect(Collectors.joining(", ")));
        }
    }

    private Map<UUID, String> usernames(AuditSearch.Page page) {
        Map<UUID, String> names = new HashMap<>();
        page.events().stream().map(AuditEvent::userUuid).filter(Objects::nonNull).distinct()
                .forEach(uuid -> names.put(uuid, users.find(uuid).map(User::username).orElse(uuid.toString())));
        return names;
    }
}
