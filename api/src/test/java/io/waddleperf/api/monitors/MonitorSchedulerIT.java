package io.waddleperf.api.monitors;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.monitors.internal.MonitorRounds;
import io.waddleperf.api.monitors.internal.MonitorScheduler;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestNode;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The schedule shared by replicas through the database. Two replicas are two callers of the
 * scheduler's look ({@link MonitorScheduler#pollOnce}) racing on the same slots from their own
 * threads, in a simulated time a month ahead (so the context's own scheduler, on the real clock,
 * never sees these slots due); on the Galera run of the suite their claims meet as certification
 * conflicts. A real node runs a round on the real clock.
 */
@ApiIntegrationTest
class MonitorSchedulerIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    MonitorScheduler scheduler;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String admin;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Scheduler " + UUID.randomUUID());
        admin = bearer(org.adminToken());
    }

    @Test
    void twoReplicasRunEverySlotExactlyOnceAndOneKeepsThemRunningWhenTheOtherDies() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        List<String> monitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Spread over the 30 s interval, as the jitter spreads real monitors.
            monitors.add(monitorDueAt("m" + i, 30, start.plusMillis(i * 1_500L)));
        }
        Instant end = start.plus(Duration.ofMinutes(10));
        Instant deathOfB = start.plus(Duration.ofMinutes(5));
        Instant lastLook = start;
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            // 7.3 s steps: never a whole 30 s interval between looks, so no slot is missed.
            for (Instant now = start; !now.isAfter(end); now = now.plusMillis(7_300L)) {
                Instant at = now;
                List<Callable<List<MonitorRounds.Fired>>> looks = new ArrayList<>();
                looks.add(() -> scheduler.pollOnce(at, "replica-a"));
                // Replica B dies half way; A carries on alone.
                if (at.isBefore(deathOfB)) {
                    looks.add(() -> scheduler.pollOnce(at, "replica-b"));
                }
                for (Future<List<MonitorRounds.Fired>> look : replicas.invokeAll(looks)) {
                    look.get();
                }
                lastLook = at;
            }
        }

        Map<String, Integer> byReplica = new HashMap<>();
        for (int i = 0; i < monitors.size(); i++) {
            String monitor = monitors.get(i);
            List<Map<String, Object>> rounds = jdbc.queryForList(
                    "SELECT due_at, late, replica FROM monitor_rounds WHERE monitor_id = ? ORDER BY due_at", monitor);
            List<Instant> expected = new ArrayList<>();
            for (Instant slot = start.plusMillis(i * 1_500L); !slot.isAfter(lastLook); slot = slot.plusSeconds(30)) {
                expected.add(slot);
            }
            // Every slot that came once: none missed, none twice (the primary key would refuse a
            // twin, but the claim must not even try).
            assertThat(rounds.stream().map(MonitorSchedulerIT::dueOf).toList())
                    .as("monitor %s", monitor)
                    .isEqualTo(expected);
            assertThat(rounds).allSatisfy(round -> assertThat(round.get("late")).isEqualTo(false));
            rounds.forEach(round -> byReplica.merge((String) round.get("replica"), 1, Integer::sum));
            // After B's death every slot is A's.
            assertThat(rounds.stream()
                            .filter(round -> !dueOf(round).isBefore(deathOfB))
                            .map(round -> round.get("replica"))
                            .collect(Collectors.toSet()))
                    .containsOnly("replica-a");
        }
        // While both lived, both took slots.
        assertThat(byReplica).containsKeys("replica-a", "replica-b");
    }

    @Test
    void slotsMissedWhileNoReplicaRanAreOneLateRound() {
        Instant start = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        String monitor = monitorDueAt("catch-up", 30, start);

        assertThat(scheduler.pollOnce(start.plusMillis(120), "replica-a"))
                .filteredOn(fired -> fired.monitorId().toString().equals(monitor))
                .singleElement()
                .satisfies(fired -> assertThat(fired.late()).isFalse());
        // Every replica down for ten minutes, then one comes back.
        assertThat(scheduler.pollOnce(start.plusSeconds(630), "replica-a"))
                .filteredOn(fired -> fired.monitorId().toString().equals(monitor))
                .singleElement()
                .satisfies(fired -> {
                    assertThat(fired.late()).isTrue();
                    assertThat(fired.dueAt()).isEqualTo(start.plusSeconds(30));
                    assertThat(fired.missedSlots()).isEqualTo(20);
                });

        List<Map<String, Object>> rounds = jdbc.queryForList(
                "SELECT late, missed_slots FROM monitor_rounds WHERE monitor_id = ? ORDER BY due_at", monitor);
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1)).containsEntry("late", true).containsEntry("missed_slots", 20);
        // The next slot is the first one after the catch-up, not one of the missed ones.
        assertThat(Instant.parse(http.get("/api/v1/orgs/" + org.id() + "/monitors/" + monitor, "Authorization", admin)
                        .json()
                        .path("nextDueAt")
                        .asString()))
                .isEqualTo(start.plusSeconds(660));
    }

    @Test
    void aRoundRunsTheMonitorsProbesOnEachVantageNode() throws Exception {
        String name = "monitor-node-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestNode node = TestNode.start(
                name, port, fixtures.enrollmentToken(org), Files.createTempDirectory("wp-monitor-node"))) {
            JsonNode online = fixtures.awaitOnlineNode(org, name);
            Response created = http.post(
                    "/api/v1/orgs/" + org.id() + "/monitors",
                    "{\"name\":\"Self\",\"target\":\"127.0.0.1:" + node.httpPort() + "\",\"probes\":[\"tcp_connect\","
                            + "\"udp_echo\"],\"udpEchoPort\":" + node.echoPort() + ",\"vantage\":[{\"nodeId\":\""
                            + online.path("id").asString() + "\"}],\"schedule\":{\"intervalSeconds\":30}}",
                    "Authorization",
                    admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String monitor = created.json().path("id").asString();
            // Its first slot may be up to 30 s away; bring it to now (what the jitter decides is
            // SlotsTests' business), and the context's own scheduler runs it.
            jdbc.update(
                    "UPDATE monitors SET next_due_at = ? WHERE id = ?",
                    LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC),
                    monitor);

            // The first round's tier run (the next ones follow every 30 s).
            Map<String, Object> run = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> jdbc.queryForList(
                                    "SELECT id, status FROM runs WHERE monitor_id = ? AND parent_run_id IS NULL"
                                            + " ORDER BY created_at",
                                    monitor),
                            runs -> !runs.isEmpty()
                                    && "SUCCEEDED".equals(runs.getFirst().get("status")))
                    .getFirst();
            List<String> children = jdbc.queryForList(
                    "SELECT probe_type FROM runs WHERE parent_run_id = ? AND monitor_id = ? ORDER BY probe_type",
                    String.class,
                    run.get("id").toString(),
                    monitor);
            assertThat(children).containsExactly("tcp_connect", "udp_echo");
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM runs WHERE parent_run_id = ? AND node_id = ?",
                            Integer.class,
                            run.get("id").toString(),
                            online.path("id").asString()))
                    .isEqualTo(2);
            Map<String, Object> round = jdbc.queryForList(
                            "SELECT node_count, run_ids, late FROM monitor_rounds WHERE monitor_id = ? ORDER BY due_at",
                            monitor)
                    .getFirst();
            assertThat(round).containsEntry("node_count", 1).containsEntry("late", false);
            assertThat(round.get("run_ids").toString()).contains(run.get("id").toString());
            // The run page shows the run like any other tier run.
            JsonNode view = http.get("/api/v1/orgs/" + org.id() + "/runs/" + run.get("id"), "Authorization", admin)
                    .json();
            assertThat(view.path("tier").asInt()).isEqualTo(1);
            assertThat(view.path("children").size()).isEqualTo(2);
        }
    }

    /** A monitor made over HTTP, then moved to a slot in simulated time. */
    private String monitorDueAt(String name, int intervalSeconds, Instant due) {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/monitors",
                "{\"name\":\"" + name + "\",\"target\":\"example.com\",\"probes\":[\"tcp_connect\"],"
                        + "\"vantage\":[{\"region\":\"scheduler-it-nowhere\"}],\"schedule\":{\"intervalSeconds\":"
                        + intervalSeconds + "}}",
                "Authorization",
                admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        LocalDateTime at = LocalDateTime.ofInstant(due, ZoneOffset.UTC);
        jdbc.update("UPDATE monitors SET anchor_at = ?, next_due_at = ? WHERE id = ?", at, at, id);
        return id;
    }

    private static Instant dueOf(Map<String, Object> round) {
        Object due = round.get("due_at");
        LocalDateTime local = due instanceof Timestamp timestamp ? timestamp.toLocalDateTime() : (LocalDateTime) due;
        return local.toInstant(ZoneOffset.UTC);
    }
}
