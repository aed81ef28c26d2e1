package io.webpaas.server.audit;

import io.webpaas.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/audit?project=&user=&type=&page=}: the events the caller may read
 * ({@link AuditSearch}), newest first, {@value AuditSearch#PAGE_SIZE} a page;
 * {@code next_page} is null on the last page.
 */
@RestController
class AuditApi {
    private final AuditSearch search;

    AuditApi(AuditSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/audit")
    Events events(Caller caller, HttpServletRequest http, @RequestParam(required = false) String project,
                  @RequestParam(required = false) String user, @RequestParam(required = false) String type,
                  @RequestParam(defaultValue = "0") int page) {
        AuditSearch.Filter filter = new AuditSearch.Filter(project, user, type, page);
        AuditSearch.Page found = search.find(caller.actor(http.getRemoteAddr()), filter);
        return new Events(found.events().stream().map(EventView::of).toList(),
                found.hasOlder() ? filter.page() + 1 : null);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Events(List<EventView> events, Integer nextPage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EventView(long id, Instant at, String type, String outcome, UUID userUuid, String projectId,
                     String clientAddress, Map<String, Object> detail) {
        static EventView of(AuditEvent event) {
            return new EventView(event.id(), event.at(), event.type(), event.outcome(), event.userUuid(),
                    event.projectId(), event.clientAddress(), event.detail());
        }
    }
}
