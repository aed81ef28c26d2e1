package io.webpaas.server.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit store's JSON-lines file, appended by one writer thread in arrival order. Request
 * threads only enqueue: with a lock around write-and-flush, every request under load queued
 * behind whichever thread the scheduler had paused while holding it.
 */
final class AuditLines implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditLines.class);

    private final BufferedWriter file;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    AuditLines(Path path) throws IOException {
        this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.writer = Thread.ofPlatform().name("audit-lines").daemon().start(this::writeUntilClosed);
    }

    void append(String line) {
        pending.add(line);
    }

    private void writeUntilClosed() {
        List<String> batch = new ArrayList<>();
        while (!closing || !pending.isEmpty()) {
            try {
                String first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pending.drainTo(batch);
            try {
                for (String line : batch) {
                    file.write(line);
                    file.newLine();
                }
                file.flush();
            } catch (IOException e) {
                log.error("cannot append {} events to the audit log file (they are in the database)", batch.size(), e);
            }
            batch.clear();
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
