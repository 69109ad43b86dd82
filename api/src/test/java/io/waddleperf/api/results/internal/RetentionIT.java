package io.waddleperf.api.results.internal;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.results.RunEvents;
import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.shared.database.JdbcTimes;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Retention is run by calling the job with a chosen "now", as each replica's timer would. */
@ApiIntegrationTest
class RetentionIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RetentionJob job;

    HttpTestClient http;
    Fixtures fixtures;
    RunEvents events;
    Instant now;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        events = new RunEvents(publisher, transactions);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void deletesResultsAndSamplesOlderThanTheirTiersRetention() {
        Org org = fixtures.createOrg("Retention " + UUID.randomUUID());
        UUID tier1Old = store(org.id(), 1, Duration.ofDays(8));
        UUID tier1Young = store(org.id(), 1, Duration.ofDays(6));
        UUID tier2Old = store(org.id(), 2, Duration.ofDays(31));
        UUID tier2Young = store(org.id(), 2, Duration.ofDays(29));
        UUID tier3Old = store(org.id(), 3, Duration.ofDays(91));
        UUID tier3Young = store(org.id(), 3, Duration.ofDays(89));
        UUID untieredOld = store(org.id(), null, Duration.ofDays(8));
        UUID untieredYoung = store(org.id(), null, Duration.ofDays(6));

        List<UUID> expired = resultIds(List.of(tier1Old, tier2Old, tier3Old, untieredOld));
        assertThat(samplesOf(expired)).isEqualTo(8);

        job.purge(now);
        job.purge(now);

        assertThat(runIds(org.id())).containsExactlyInAnyOrder(tier1Young, tier2Young, tier3Young, untieredYoung);
        assertThat(samplesOf(expired)).isZero();
        assertThat(samplesOf(resultIds(List.of(tier1Young)))).isEqualTo(2);
    }

    @Test
    void eachOrganisationKeepsResultsForItsOwnTierProfile() {
        Org patient = fixtures.createOrg("Patient " + UUID.randomUUID());
        Org strict = fixtures.createOrg("Strict " + UUID.randomUUID());
        Response edited = http.send(
                http.request("/api/v1/orgs/" + patient.id() + "/tiers/1", "Authorization", bearer(patient.adminToken()))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"timeoutSeconds\":30,\"retentionDays\":30,\"thresholds\":{\"latencyMs\":100}}"))
                        .build());
        assertThat(edited.status()).isEqualTo(200);
        UUID patientRun = store(patient.id(), 1, Duration.ofDays(20));
        UUID strictRun = store(strict.id(), 1, Duration.ofDays(20));

        job.purge(now);

        assertThat(runIds(patient.id())).containsExactly(patientRun);
        assertThat(runIds(strict.id())).doesNotContain(strictRun).isEmpty();
    }

    @Test
    void deletesInBatchesUntilNothingExpiredIsLeft() {
        Org org = fixtures.createOrg("Batches " + UUID.randomUUID());
        Set<UUID> old = new HashSet<>();
        // More than one delete batch (1000) of expired rows, written straight to the table.
        for (int i = 0; i < 2500; i++) {
            UUID id = Ids.newId();
            old.add(id);
            jdbc.update(
                    "INSERT INTO results (id, org_id, run_id, probe_type, target, tier, status, verdict, breaches,"
                            + " finished_at, summary) VALUES (?, ?, ?, 'dns', 'example.com', 1, 'succeeded', 'ok', '[]',"
                            + " ?, '{}')",
                    id.toString(),
                    org.id().toString(),
                    Ids.newId().toString(),
                    JdbcTimes.utc(now.minus(Duration.ofDays(10)).minusSeconds(i)));
        }
        UUID young = store(org.id(), 1, Duration.ofDays(1));

        long deleted = job.purge(now);

        assertThat(deleted).isGreaterThanOrEqualTo(old.size());
        assertThat(runIds(org.id())).containsExactly(young);
    }

    @Test
    void expiredIdempotencyKeysAreForgotten() {
        Org org = fixtures.createOrg("Keys " + UUID.randomUUID());
        Response stored = http.post(
                "/api/v1/orgs/" + org.id() + "/results",
                "{\"type\":\"dns\",\"target\":\"example.com\",\"status\":\"succeeded\",\"finishedAt\":\"" + now
                        + "\",\"summary\":{\"timeMillis\":3}}",
                "Authorization",
                bearer(org.adminToken()),
                "Idempotency-Key",
                "k-" + UUID.randomUUID());
        assertThat(stored.status()).isEqualTo(201);

        job.purge(now.plus(Duration.ofHours(1)));
        Integer kept = keys(org.id());
        job.purge(now.plus(Duration.ofHours(25)));

        assertThat(kept).isEqualTo(1);
        assertThat(keys(org.id())).isZero();
    }

    private UUID store(UUID orgId, Integer tier, Duration age) {
        RunFinished template = RunEvents.udpEcho(orgId, Ids.newId(), now.minus(age), 20.0, 0.0);
        RunFinished event = new RunFinished(
                template.runId(),
                orgId,
                null,
                null,
                null,
                template.nodeName(),
                template.probeType(),
                template.target(),
                tier,
                template.status(),
                null,
                template.createdAt(),
                template.startedAt(),
                template.finishedAt(),
                template.result(),
                template.samples(),
                null);
        events.publish(event);
        return event.runId();
    }

    private List<UUID> runIds(UUID orgId) {
        return jdbc.queryForList("SELECT run_id FROM results WHERE org_id = ?", String.class, orgId.toString()).stream()
                .map(UUID::fromString)
                .toList();
    }

    private List<UUID> resultIds(List<UUID> runIds) {
        return runIds.stream()
                .map(run -> UUID.fromString(
                        jdbc.queryForObject("SELECT id FROM results WHERE run_id = ?", String.class, run.toString())))
                .toList();
    }

    private Integer samplesOf(List<UUID> resultIds) {
        Integer total = 0;
        for (UUID id : resultIds) {
            total += jdbc.queryForObject(
                    "SELECT COUNT(*) FROM result_samples WHERE result_id = ?", Integer.class, id.toString());
        }
        return total;
    }

    private Integer keys(UUID orgId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM results_idempotency_keys WHERE org_id = ?", Integer.class, orgId.toString());
    }
}
