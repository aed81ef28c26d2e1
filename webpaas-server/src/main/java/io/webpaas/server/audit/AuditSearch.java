package io.webpaas.server.audit;

import io.webpaas.server.config.ApiException;
import io.webpaas.server.directory.Directory;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Who may read which audit events, for the console's audit page and {@code GET /api/v1/audit}:
 * staff read everything; a project's admins read the project's events; everyone reads their
 * own. Newest first, a page at a time. Refusals are audited as {@code audit.read}.
 */
@Service
public class AuditSearch {
    public static final int PAGE_SIZE = 25;

    private final AuditLog audit;
    private final Directory directory;
    private final Users users;

    public AuditSearch(AuditLog audit, Directory directory, Users users) {
        this.audit = audit;
        this.directory = directory;
        this.users = users;
    }

    /** Blank filters match everything the actor may read. */
    public record Filter(String project, String user, String type, int page) {
        public Filter {
            project = blankToNull(project);
            user = blankToNull(user);
            type = blankToNull(type);
            page = Math.max(page, 0);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** One page of events, and whether an older page exists. */
    public record Page(List<AuditEvent> events, boolean hasOlder) {
    }

    public Page find(Actor actor, Filter filter) {
        boolean staff = users.find(actor.userUuid()).map(User::staff).orElse(false);
        UUID user = filter.user() == null ? null : users.findByUsername(filter.user()).map(User::uuid)
                .orElseThrow(() -> refuse(actor, ApiException.notFound("No user '" + filter.user() + "'")));
        if (!staff) {
            if (filter.project() != null) {
                directory.requireAdmin(actor, filter.project(), "audit.read");
            } else if (user != null && !user.equals(actor.userUuid())) {
                throw refuse(actor, ApiException.forbidden("Only your own events, or those of a project you "
                        + "administer: choose a project to see other users' events"));
            } else {
                user = actor.userUuid();
            }
        }
        List<AuditEvent> events = audit.find(filter.type(), user, filter.project(), filter.page() * PAGE_SIZE,
                PAGE_SIZE + 1);
        return new Page(events.subList(0, Math.min(PAGE_SIZE, events.size())), events.size() > PAGE_SIZE);
    }

    private ApiException refuse(Actor actor, ApiException refusal) {
        audit.record(actor.refused("audit.read", null, refusal));
        return refusal;
    }
}
