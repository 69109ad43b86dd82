package io.waddleperf.api.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.results.RunEvents;
import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * A spool that fills while S3 is unreachable (nothing listens on the endpoint) takes the replica
 * out of service in health, and runs keep ending with their results; only their archive copy is
 * refused.
 */
@ApiIntegrationTest
class ArchiveSpoolFullIT {

    static final Path DATA = Path.of("target", "archive-spool-full-it");

    @DynamicPropertySource
    static void archive(DynamicPropertyRegistry registry) throws IOException {
        FileSystemUtils.deleteRecursively(DATA);
        int nobody = TestNode.freeTcpPort();
        registry.add("waddleperf.archive.endpoint", () -> "http://127.0.0.1:" + nobody);
        registry.add("waddleperf.archive.access-key-id", () -> "spool-full");
        registry.add("waddleperf.archive.secret-access-key", () -> "spool-full-secret");
        registry.add("waddleperf.archive.data-dir", DATA::toString);
        registry.add("waddleperf.archive.spool-limit", () -> "1KB");
        registry.add("waddleperf.archive.max-artefact-size", () -> "1KB");
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ArtefactSpool spool;

    @Test
    void aFullSpoolIsOutOfServiceAndRunsStillEnd() {
        RunEvents events = new RunEvents(publisher, transactions);
        UUID orgId = UUID.fromString(jdbc.queryForObject("SELECT id FROM organisations LIMIT 1", String.class));
        HttpTestClient http = new HttpTestClient(port);
        assertThat(http.get("/actuator/health")
                        .json()
                        .path("components")
                        .path("archive")
                        .path("status")
                        .asString())
                .isEqualTo("UP");

        List<UUID> runIds = new ArrayList<>();
        while (!spool.full() && runIds.size() < 100) {
            RunFinished event = RunEvents.udpEcho(orgId, Ids.newId(), Instant.now(), 20.0, 0.0);
            events.publish(event);
            runIds.add(event.runId());
        }
        assertThat(spool.full())
                .as("spool refusing after %d runs", runIds.size())
                .isTrue();
        // The last run of the loop is the one that did not fit.
        int spooled = runIds.size() - 1;
        RunFinished refused = RunEvents.udpEcho(orgId, Ids.newId(), Instant.now(), 20.0, 0.0);
        events.publish(refused);

        Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json()
                        .path("components")
                        .path("archive")
                        .path("status")
                        .asString())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM results WHERE run_id = ?",
                        Integer.class,
                        refused.runId().toString()))
                .as("the run's result is stored all the same")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_artefacts WHERE run_id = ?",
                        Integer.class,
                        refused.runId().toString()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_artefacts WHERE spool_id = ? AND state = 'spooled'",
                        Integer.class,
                        spool.id()))
                .as("everything spooled before is still waiting, none lost")
                .isEqualTo(spooled);
    }
}
