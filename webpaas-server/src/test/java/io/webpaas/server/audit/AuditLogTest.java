package io.webpaas.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.config.WebpaasProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit store's writer: what a transaction records follows its outcome; a refused row holds
 * nothing up; what could not be written is written once the table is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest {
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    WebpaasProperties webpaas;
    @Autowired
    JdbcClient jdbc;

    private final String type = "test." + UUID.randomUUID();

    @Test
    void anEventRecordedInATransactionIsWrittenOnlyIfItCommits() {
        transactions.executeWithoutResult(status -> {
            audit.record(event("rolled back", "192.0.2.1"));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> audit.record(event("committed", "192.0.2.1")));

        assertThat(audit.find(type, null, null, 0, 10)).extracting(event -> event.detail().get("step"))
                .containsExactly("committed");
    }

    @Test
    void aRowTheDatabaseRefusesIsLeftOutAndTheOthersAreWritten() throws Exception {
        String tooLong = "192.0.2.1".repeat(10); // client_address holds 64 characters
        audit.record(event("before", "192.0.2.1"));
        audit.record(event("refused", tooLong));
        audit.record(event("after", "192.0.2.1"));

        assertThat(audit.find(type, null, null, 0, 10)).extracting(event -> event.detail().get("step"))
                .containsExactly("after", "before");
        // the file, which log shippers follow, has it
        Path lines = webpaas.dataDir().resolve("audit.log");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Stream<String> all = Files.lines(lines)) {
                assertThat(all.filter(line -> line.contains(type))).anySatisfy(line -> assertThat(line).contains(tooLong));
            }
        });
    }

    @Test
    void eventsRecordedWhileTheTableIsUnreachableAreWrittenOnceItIsBack(CapturedOutput log) {
        jdbc.sql("ALTER TABLE audit_events RENAME TO audit_events_away").update();
        try {
            audit.record(event("while away", "192.0.2.1"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    log.getOut().contains("cannot write 1 audit events to the database; retrying"));
        } finally {
            jdbc.sql("ALTER TABLE audit_events_away RENAME TO audit_events").update();
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(audit.find(type, null, null, 0, 10)).extracting(event -> event.detail().get("step"))
                        .containsExactly("while away"));
    }

    private AuditEvent event(String step, String clientAddress) {
        return AuditEvent.success(type, null, null, clientAddress, Map.of("step", step));
    }
}
