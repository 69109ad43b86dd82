package io.waddleperf.api.archive.internal;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.results.RunEvents;
import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;

/**
 * The archive against the embedded S3Proxy the quick start uses (no endpoint configured), through
 * the same AWS SDK client as production: run end to object, key layout, create-only, checksum,
 * presigned download over HTTP, retention.
 */
@ApiIntegrationTest
class ArchiveIT {

    @Value("${local.server.port}")
    int port;

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

    @Autowired
    List<ClusterJob> jobs;

    @Autowired
    ArtefactStore store;

    @Autowired
    ArchiveUploader uploader;

    HttpTestClient http;
    Fixtures fixtures;
    RunEvents events;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        events = new RunEvents(publisher, transactions);
    }

    @Test
    void runEndShipsSamplesCreateOnlyUnderTheKeyLayoutWithTheirSha256() throws IOException {
        Org org = fixtures.createOrg("Archive " + UUID.randomUUID());
        Instant finished = Instant.parse("2026-03-04T05:06:07Z");
        RunFinished event = RunEvents.udpEcho(org.id(), Ids.newId(), finished, 20.0, 0.0);
        events.publish(event);

        String key = "orgs/" + org.id() + "/runs/2026/03/04/" + event.runId() + "/samples.ndjson.gz";
        assertThat(jdbc.queryForObject(
                        "SELECT object_key FROM archive_artefacts WHERE run_id = ?",
                        String.class,
                        event.runId().toString()))
                .isEqualTo(key);
        awaitStored(event.runId());

        ResponseBytes<GetObjectResponse> object =
                s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key));
        String sha256 = jdbc.queryForObject(
                "SELECT sha256 FROM archive_artefacts WHERE run_id = ?",
                String.class,
                event.runId().toString());
        assertThat(ArtefactOutbox.sha256(object.asByteArray())).isEqualTo(sha256);
        assertThat(object.response().metadata()).containsEntry("sha256", sha256);
        assertThat(gunzip(object.asByteArray()))
                .isEqualTo("{\"second\":0,\"values\":{\"rttMillis\":4.2}}\n"
                        + "{\"second\":1,\"values\":{\"rttMillis\":5.1}}\n");
        UUID artefactId = UUID.fromString(jdbc.queryForObject(
                "SELECT id FROM archive_artefacts WHERE run_id = ?",
                String.class,
                event.runId().toString()));
        assertThat(spool.exists(artefactId))
                .as("spool copy deleted once S3 confirmed")
                .isFalse();

        // Create-only: the same key cannot be written again, and the object is unchanged.
        assertThatThrownBy(() -> s3.client()
                        .putObject(
                                b -> b.bucket(s3.bucket()).key(key).ifNoneMatch("*"),
                                RequestBody.fromString("overwritten")))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(ArtefactOutbox.sha256(s3.client()
                        .getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key))
                        .asByteArray()))
                .isEqualTo(sha256);

        // A repeated event for the same run records nothing more.
        events.publish(event);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_artefacts WHERE run_id = ?",
                        Integer.class,
                        event.runId().toString()))
                .isEqualTo(1);
    }

    @Test
    void runPageListsArtefactsAndDownloadsThemThroughAPresignedUrl() throws Exception {
        Org org = fixtures.createOrg("Archive page " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        // The organisation has no nodes, so each probe of the tier run fails at once and ends with
        // (empty) samples: four artefacts, one per probe run.
        String runId = fixtures.startTierRun(org, admin, 1, "example.com");
        fixtures.awaitRunEnd(org, admin, runId, Duration.ofSeconds(30));
        String base = "/api/v1/orgs/" + org.id() + "/runs/" + runId + "/artefacts";

        JsonNode items = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get(base, "Authorization", admin).json().path("items"),
                        list -> list.size() == 4 && allStored(list));
        JsonNode first = items.get(0);
        assertThat(first.path("name").asString()).isEqualTo("samples.ndjson.gz");
        assertThat(first.path("sha256").asString()).hasSize(64);

        Response link = http.get(
                "/api/v1/orgs/" + org.id() + "/runs/" + first.path("runId").asString()
                        + "/artefacts/samples.ndjson.gz/link",
                "Authorization",
                admin);
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        Instant expiresAt = Instant.parse(link.json().path("expiresAt").asString());
        assertThat(expiresAt)
                .isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
        URI url = URI.create(link.json().path("url").asString());
        assertThat(url.getQuery()).contains("X-Amz-Expires=300");

        HttpResponse<byte[]> download;
        try (HttpClient client = HttpClient.newHttpClient()) {
            download = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).hasSize(first.path("sizeBytes").asInt());
        assertThat(ArtefactOutbox.sha256(download.body()))
                .isEqualTo(first.path("sha256").asString());
        assertThat(gunzip(download.body())).isEmpty();
    }

    @Test
    void retentionDeletesArtefactsWithTheirRunsResults() {
        Org org = fixtures.createOrg("Archive retention " + UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RunFinished old = RunEvents.udpEcho(org.id(), Ids.newId(), now.minus(Duration.ofDays(8)), 20.0, 0.0);
        RunFinished young = RunEvents.udpEcho(org.id(), Ids.newId(), now.minus(Duration.ofDays(6)), 20.0, 0.0);
        events.publish(old);
        events.publish(young);
        awaitStored(old.runId());
        awaitStored(young.runId());
        String oldKey = key(old.runId());

        // The results module's retention job, as its cluster schedule would run it (tier 1: 7 days).
        jobs.stream()
                .filter(job -> job.name().equals("results-retention"))
                .findFirst()
                .orElseThrow()
                .run();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM archive_artefacts WHERE run_id = ?",
                            Integer.class,
                            old.runId().toString()))
                    .isZero();
            assertThatThrownBy(() ->
                            s3.client().headObject(b -> b.bucket(s3.bucket()).key(oldKey)))
                    .isInstanceOf(NoSuchKeyException.class);
        });
        assertThat(s3.client()
                        .headObject(b -> b.bucket(s3.bucket()).key(key(young.runId())))
                        .contentLength())
                .isPositive();
    }

    @Test
    void refusesNamesAndRunIdsThatWouldLeaveTheKeyLayout() {
        Org org = fixtures.createOrg("Archive names " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        String runId = fixtures.startTierRun(org, admin, 1, "example.com");
        String runs = "/api/v1/orgs/" + org.id() + "/runs/";

        for (String name : List.of("..", "a..b", ".hidden", "Samples.gz", "a%20b", "x%2F..%2Fy")) {
            Response answer = http.get(runs + runId + "/artefacts/" + name + "/link", "Authorization", admin);
            assertThat(answer.status()).as(name + ": " + answer.body()).isEqualTo(400);
            if (!name.contains("%2F") && !name.equals("..")) {
                // Encoded slashes and dot segments are refused by the servlet container before the
                // application sees them; everything that reaches it gets a problem document.
                assertThat(answer.header("Content-Type"))
                        .as(name + ": " + answer.body())
                        .startsWith("application/problem+json");
            }
        }
        for (String run : List.of("not-a-run", "..", "..%2F..%2Forgs")) {
            Response answer = http.get(runs + run + "/artefacts", "Authorization", admin);
            assertThat(answer.status()).as(run + ": " + answer.body()).isEqualTo(400);
        }
        assertThat(http.get(runs + Ids.newId() + "/artefacts", "Authorization", admin)
                        .status())
                .isEqualTo(404);
        assertThatThrownBy(() -> ArtefactKeys.key(org.id(), Ids.newId(), Instant.now(), "../../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeHandsOverArtefactsOfItsOwnRunsOnly() {
        Org org = fixtures.createOrg("Archive hand-over " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        var node = fixtures.enrollNode(org, "capture-node");
        var stranger = fixtures.enrollNode(fixtures.createOrg("Other " + UUID.randomUUID()), "other-node");
        String tierRun = fixtures.startTierRun(org, admin, 1, "example.com");
        JsonNode ended = fixtures.awaitRunEnd(org, admin, tierRun, Duration.ofSeconds(30));
        String runId = ended.path("children").path(0).path("id").asString();
        // Dispatch is not what this test is about: give the probe run to the node as dispatch would.
        jdbc.update("UPDATE runs SET node_id = ? WHERE id = ?", node.id().toString(), runId);
        byte[] capture = "pcap bytes".repeat(100).getBytes(StandardCharsets.US_ASCII);

        Response stored = handOver(node.credential(), runId, "capture.pcap", capture);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().path("sha256").asString()).isEqualTo(ArtefactOutbox.sha256(capture));
        assertThat(stored.json().path("sizeBytes").asLong()).isEqualTo(capture.length);
        awaitStored(UUID.fromString(runId), "capture.pcap");
        assertThat(s3.client()
                        .getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key(UUID.fromString(runId), "capture.pcap")))
                        .asByteArray())
                .isEqualTo(capture);

        assertThat(handOver(node.credential(), runId, "capture.pcap", capture).status())
                .as("create-only")
                .isEqualTo(409);
        Response foreign = handOver(stranger.credential(), runId, "capture.pcap", capture);
        assertThat(foreign.status()).as("another organisation's node").isEqualTo(404);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
        assertThat(handOver(node.credential(), tierRun, "capture.pcap", capture).status())
                .as("a tier run has no node")
                .isEqualTo(404);
        assertThat(handOver(node.credential(), Ids.newId().toString(), "capture.pcap", capture)
                        .status())
                .isEqualTo(404);
        assertThat(handOver(node.credential(), runId, "..pcap", capture).status())
                .isEqualTo(400);
        assertThat(handOver("wpn_not-a-node", runId, "other.pcap", capture).status())
                .isEqualTo(401);
        Response tooLarge = handOver(node.credential(), runId, "big.pcap", new byte[256 * 1024 + 1]);
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.json().path("type").asString()).endsWith("/artefact-too-large");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM archive_artefacts WHERE run_id = ? AND name = 'big.pcap'",
                        Integer.class,
                        runId))
                .isZero();
    }

    private Response handOver(String credential, String runId, String name, byte[] content) {
        return http.send(http.request(
                        "/api/v1/node/runs/" + runId + "/artefacts/" + name,
                        "Authorization",
                        "Bearer " + credential,
                        "Content-Type",
                        "application/vnd.tcpdump.pcap")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .build());
    }

    @Test
    void measuresRunEndToArtefactInS3() {
        Org org = fixtures.createOrg("Archive latency " + UUID.randomUUID());
        List<UUID> runIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RunFinished event = RunEvents.udpEcho(org.id(), Ids.newId(), Instant.now(), 20.0, 0.0);
            events.publish(event);
            runIds.add(event.runId());
        }
        runIds.forEach(this::awaitStored);
        List<Long> micros = new ArrayList<>(jdbc.queryForList(
                "SELECT TIMESTAMPDIFF(MICROSECOND, run_finished_at, stored_at) FROM archive_artefacts"
                        + " WHERE org_id = ?",
                Long.class,
                org.id().toString()));
        Collections.sort(micros);
        assertThat(micros).hasSize(100);
        System.out.printf(
                "Archive run end -> artefact in S3 (100 runs, embedded S3Proxy, uploader every 1 s):"
                        + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                micros.get(49) / 1000.0, micros.get(98) / 1000.0, micros.get(99) / 1000.0);
    }

    private static boolean allStored(JsonNode items) {
        for (JsonNode item : items) {
            if (!"stored".equals(item.path("state").asString())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theUploaderDeletesOldSpoolFilesThatNoArtefactRowNames() throws IOException {
        Org org = fixtures.createOrg("Archive orphans " + UUID.randomUUID());
        byte[] content = "left by a crash".getBytes(StandardCharsets.UTF_8);
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        // A crash between the spool write and the commit of the run's end: a file and no row.
        UUID orphan = Ids.newId();
        spool.write(orphan, content);
        Files.setLastModifiedTime(spool.path(orphan), twoHoursAgo);
        // The same, written a moment ago: its transaction may still be about to commit.
        UUID young = Ids.newId();
        spool.write(young, content);
        // Old, but a row names it (a key conflict kept for people to look at).
        UUID kept = Ids.newId();
        spool.write(kept, content);
        Files.setLastModifiedTime(spool.path(kept), twoHoursAgo);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.insert(new ArtefactStore.Row(
                kept,
                org.id(),
                Ids.newId(),
                "kept.bin",
                "orgs/" + org.id() + "/kept",
                "application/octet-stream",
                content.length,
                ArtefactOutbox.sha256(content),
                ArtefactStore.CONFLICT,
                spool.id(),
                0,
                now,
                now,
                null));
        long before = spool.usedBytes();
        try {
            assertThat(uploader.sweepOrphans()).isEqualTo(1);
            assertThat(spool.exists(orphan)).isFalse();
            assertThat(spool.exists(young)).isTrue();
            assertThat(spool.exists(kept)).isTrue();
            // The orphan's bytes are no longer counted. At most: this replica's uploader runs
            // beside the test and may ship (and uncount) an earlier test's artefact meanwhile;
            // nothing is spooled during this test.
            assertThat(spool.usedBytes()).isLessThanOrEqualTo(before - content.length);
        } finally {
            spool.delete(young);
            spool.delete(kept);
            jdbc.update("DELETE FROM archive_artefacts WHERE id = ?", kept.toString());
        }
    }

    private void awaitStored(UUID runId) {
        awaitStored(runId, ArtefactKeys.SAMPLES);
    }

    private void awaitStored(UUID runId, String name) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jdbc.queryForList(
                                "SELECT state FROM archive_artefacts WHERE run_id = ? AND name = ?",
                                String.class,
                                runId.toString(),
                                name),
                        states -> states.equals(List.of("stored")));
    }

    private String key(UUID runId) {
        return key(runId, ArtefactKeys.SAMPLES);
    }

    private String key(UUID runId, String name) {
        return jdbc.queryForObject(
                "SELECT object_key FROM archive_artefacts WHERE run_id = ? AND name = ?",
                String.class,
                runId.toString(),
                name);
    }

    static String gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
