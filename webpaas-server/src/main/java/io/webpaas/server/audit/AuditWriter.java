package io.webpaas.server.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes audit events from one thread, in arrival order: each batch goes into
 * {@code audit_events} in one transaction and onto the JSON-lines file. Callers only enqueue.
 * Inserting on the caller's thread cost the Certifier a fifth of its CPU per certificate, held
 * MINA's I/O threads (where the gateway audits) for a database round trip, and had dozens of
 * threads contend on the table's indexes at once.
 *
 * <p>When the database is unreachable the writer keeps the batch and retries every second (the
 * file has the events meanwhile); a full queue makes callers wait rather than lose events. A row
 * the database refuses for itself is logged and left out of the table so it cannot hold up the
 * rest.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final int CAPACITY = 65_536;
    private static final int BATCH = 512;
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final String INSERT = """
            INSERT INTO audit_events (at, type, outcome, user_uuid, project_id, client_address, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** An event with its detail already serialized, and its JSON line. */
    record Row(AuditEvent event, String detail, String line) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BufferedWriter file;
    private final BlockingQueue<Row> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final Object appending = new Object();
    private final Object progress = new Object();
    private long appended; // guarded by appending
    private long written; // guarded by progress
    private volatile boolean closing;
    private final Thread thread;

    AuditWriter(JdbcTemplate jdbc, TransactionTemplate transactions, Path path) throws IOException {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.thread = Thread.ofPlatform().name("audit-writer").daemon().start(this::writeUntilClosed);
    }

    void append(Row row) {
        synchronized (appending) {
            try {
                pending.put(row);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the audit queue was full", e);
            }
            appended++;
        }
    }

    /** How many rows have been appended so far: what {@link #awaitWritten} takes. */
    long appended() {
        synchronized (appending) {
            return appended;
        }
    }

    /** Waits until the first {@code count} rows have been written, or {@code timeout} has passed. */
    void awaitWritten(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            for (long left = timeout.toMillis(); written < count && left > 0;
                 left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                progress.wait(left);
            }
        }
    }

    private void writeUntilClosed() {
        List<Row> batch = new ArrayList<>(BATCH);
        try {
            while (!closing || !pending.isEmpty()) {
                Row first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, BATCH - 1);
                appendLines(batch);
                insert(batch);
                synchronized (progress) {
                    written += batch.size();
                    progress.notifyAll();
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void appendLines(List<Row> batch) {
        try {
            for (Row row : batch) {
                file.write(row.line());
                file.newLine();
            }
            file.flush();
        } catch (IOException e) {
            log.error("cannot append {} events to the audit log file (they go to the database)", batch.size(), e);
        }
    }

    /** A batch the database refuses for its content is written row by row, leaving out the rows it refuses. */
    private void insert(List<Row> batch) throws InterruptedException {
        while (true) {
            try {
                transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, batch, batch.size(), AuditWriter::bind));
                return;
            } catch (DataIntegrityViolationException e) {
                if (batch.size() == 1) {
                    log.error("the database refuses this audit event, which is in the audit log file only: {}",
                            batch.getFirst().line(), e);
                    return;
                }
                for (Row row : batch) {
                    insert(List.of(row));
                }
                return;
            } catch (RuntimeException e) {
                if (closing) {
                    log.error("cannot write {} audit events to the database while stopping; they are in the audit log file only",
                            batch.size(), e);
                    return;
                }
                log.error("cannot write {} audit events to the database; retrying in {} s (they are in the audit log file)",
                        batch.size(), RETRY.toSeconds(), e);
                Thread.sleep(RETRY);
            }
        }
    }

    private static void bind(PreparedStatement statement, Row row) throws SQLException {
        AuditEvent event = row.event();
        statement.setTimestamp(1, Timestamp.from(event.at()));
        statement.setString(2, event.type());
        statement.setString(3, event.outcome());
        statement.setString(4, event.userUuid() == null ? null : event.userUuid().toString());
        statement.setString(5, event.projectId());
        statement.setString(6, event.clientAddress());
        statement.setString(7, row.detail());
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
