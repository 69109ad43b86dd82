package io.waddleperf.api.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.results.RunEvents;
import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.TestNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 down for 60 s while 100 runs end, then back: every run's artefact reaches S3 exactly once and
 * the spool ends empty. The store is an S3Proxy this test owns (so it can stop and start it on the
 * same port and files), configured as an external endpoint with static keys, the production path.
 */
@ApiIntegrationTest
class ArchiveOutageIT {

    static final String IDENTITY = "outage-test-identity";
    static final String CREDENTIAL = "outage-test-credential";
    static final Path DATA = Path.of("target", "archive-outage-it");
    static final int PORT = TestNode.freeTcpPort();
    static S3Proxy store;

    @DynamicPropertySource
    static void archive(DynamicPropertyRegistry registry) throws Exception {
        // A spool left by an earlier run of this test would count against this one.
        FileSystemUtils.deleteRecursively(DATA);
        store = startStore();
        registry.add("waddleperf.archive.endpoint", () -> "http://127.0.0.1:" + PORT);
        registry.add("waddleperf.archive.access-key-id", () -> IDENTITY);
        registry.add("waddleperf.archive.secret-access-key", () -> CREDENTIAL);
        registry.add("waddleperf.archive.bucket", () -> "outage");
        registry.add("waddleperf.archive.data-dir", () -> DATA.resolve("api").toString());
        registry.add("waddleperf.archive.retry-min-delay", () -> "500ms");
        registry.add("waddleperf.archive.retry-max-delay", () -> "5s");
    }

    static S3Proxy startStore() throws Exception {
        Path files = DATA.resolve("s3");
        Files.createDirectories(files.resolve("outage"));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(files.toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:" + PORT))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        proxy.start();
        return proxy;
    }

    @AfterAll
    static void stopStore() throws Exception {
        store.stop();
    }

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    S3Connection s3;

    @Autowired
    ArtefactSpool spool;

    @Test
    void artefactsOfRunsEndedWhileS3WasDownAllArriveOnceAfterwards() throws Exception {
        RunEvents events = new RunEvents(publisher, transactions);
        UUID orgId = UUID.fromString(jdbc.queryForObject("SELECT id FROM organisations LIMIT 1", String.class));
        store.stop();
        Instant down = Instant.now();

        List<UUID> runIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RunFinished event = RunEvents.udpEcho(orgId, Ids.newId(), Instant.now(), 20.0, 0.0);
            events.publish(event);
            runIds.add(event.runId());
        }
        assertThat(states(runIds)).hasSize(100).containsOnly("spooled");
        long spooledBytes = spool.usedBytes();
        assertThat(spooledBytes).isPositive();

        // The outage lasts 60 s from the moment S3 went away; all that time nothing is lost or stored.
        await().during(Duration.ofSeconds(60).minus(Duration.between(down, Instant.now())))
                .atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> states(runIds).equals(Collections.nCopies(100, "spooled")));
        int attempts = jdbc.queryForObject(
                "SELECT MAX(attempts) FROM archive_artefacts WHERE spool_id = ?", Integer.class, spool.id());
        assertThat(attempts).as("the uploader kept trying").isPositive();

        store = startStore();
        Instant up = Instant.now();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> states(runIds).equals(Collections.nCopies(100, "stored")));
        Duration drain = Duration.between(up, Instant.now());

        List<String> keys = new ArrayList<>();
        String prefix = "orgs/" + orgId + "/runs/";
        for (var page :
                s3.client().listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix))) {
            page.contents().stream().map(S3Object::key).forEach(keys::add);
        }
        Set<String> expected = new HashSet<>();
        for (UUID runId : runIds) {
            expected.add(jdbc.queryForObject(
                    "SELECT object_key FROM archive_artefacts WHERE run_id = ?", String.class, runId.toString()));
        }
        assertThat(keys).hasSize(100).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(expected);
        assertThat(spool.usedBytes()).isZero();
        try (var files = Files.list(DATA.resolve("api").resolve("spool"))) {
            assertThat(files).isEmpty();
        }
        List<Long> micros = new ArrayList<>(jdbc.queryForList(
                "SELECT TIMESTAMPDIFF(MICROSECOND, run_finished_at, stored_at) FROM archive_artefacts"
                        + " WHERE spool_id = ?",
                Long.class,
                spool.id()));
        Collections.sort(micros);
        System.out.printf(
                "Archive outage: 100 runs ended during a 60 s S3 outage (%d bytes spooled, at most %d failed"
                        + " attempts per artefact); all 100 in S3 once, %.1f s after S3 came back; run end -> in S3 p50 %.1f s,"
                        + " p99 %.1f s%n",
                spooledBytes,
                attempts,
                drain.toMillis() / 1000.0,
                micros.get(micros.size() / 2) / 1e6,
                micros.get(micros.size() * 99 / 100 - 1) / 1e6);
    }

    private List<String> states(List<UUID> runIds) {
        List<String> states = new ArrayList<>();
        for (UUID runId : runIds) {
            states.addAll(jdbc.queryForList(
                    "SELECT state FROM archive_artefacts WHERE run_id = ?", String.class, runId.toString()));
        }
        return states;
    }
}
