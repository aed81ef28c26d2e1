package io.webpaas.server.audit;

import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The audit store: every event is one row in {@code audit_events} and one JSON line in
 * {@code <dataDir>/audit.log}, so log shippers can follow the file while the console and
 * {@code GET /api/v1/audit} query the table. {@link AuditWriter} writes both a moment after
 * {@link #record}; {@link #find} first waits for what this JVM recorded before it, so a reader
 * sees its own events. An event recorded inside a transaction is written once it commits, and
 * not at all if it rolls back, as when the insert took part in the transaction.
 */
@Component
public class AuditLog implements AutoCloseable {
    private static final Duration READ_WAIT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditWriter writer;

    public AuditLog(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, JsonMapper json,
                    WebpaasProperties properties) throws IOException {
        this.jdbc = jdbc;
        this.json = json;
        Files.createDirectories(properties.dataDir());
        this.writer = new AuditWriter(batches, transactions, properties.dataDir().resolve("audit.log"));
    }

    public void record(AuditEvent event) {
        // serialized now: callers may reuse their detail map once this returns
        String detail = json.writeValueAsString(event.detail() == null ? Map.of() : event.detail());
        AuditWriter.Row row = new AuditWriter.Row(event, detail, line(event, detail));
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    writer.append(row);
                }
            });
        } else {
            writer.append(row);
        }
    }

    /** Newest first, optionally filtered; {@code null} filters match everything. */
    public List<AuditEvent> find(String type, UUID user, String projectId, int offset, int limit) {
        try {
            writer.awaitWritten(writer.appended(), READ_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return jdbc.sql("""
                SELECT id, at, type, outcome, user_uuid, project_id, client_address, detail FROM audit_events
                WHERE (CAST(:type AS VARCHAR) IS NULL OR type = :type)
                  AND (CAST(:user AS VARCHAR) IS NULL OR user_uuid = :user)
                  AND (CAST(:project AS VARCHAR) IS NULL OR project_id = :project)
                ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY""")
                .param("type", type)
                .param("user", user == null ? null : user.toString())
                .param("project", projectId)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> new AuditEvent(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("type"),
                        rs.getString("outcome"),
                        rs.getString("user_uuid") == null ? null : UUID.fromString(rs.getString("user_uuid")),
                        rs.getString("project_id"),
                        rs.getString("client_address"),
                        json.readValue(rs.getString("detail"), new TypeReference<Map<String, Object>>() {})))
                .list();
    }

    /** The detail goes in as the JSON already made for the row: each event is serialized once. */
    private String line(AuditEvent event, String detail) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", event.at().toString());
        line.put("type", event.type());
        line.put("outcome", event.outcome());
        line.put("user_uuid", event.userUuid());
        line.put("project_id", event.projectId());
        line.put("client_address", event.clientAddress());
        line.put("detail", new RawValue(detail));
        return json.writeValueAsString(line);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
