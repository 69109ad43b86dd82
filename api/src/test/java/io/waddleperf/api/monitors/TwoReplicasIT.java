package io.waddleperf.api.monitors;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.WaddlePerfApi;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two replicas as two application contexts on one database (on the suite's Galera run, on the
 * cluster), each with its own scheduler on the real clock: every slot of 20 monitors runs exactly
 * once across them, and when one replica stops the other keeps every monitor running. The
 * monitors' interval is set to 2 s in the database (the API allows 30 s at least) so that many
 * slots pass in half a minute.
 */
@ApiIntegrationTest
class TwoReplicasIT {

    private static final int INTERVAL_SECONDS = 2;

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Test
    void everySlotRunsOnceAcrossTwoContextsAndTheSurvivorTakesOverWhenOneStops() {
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Replicas " + UUID.randomUUID());
        ConfigurableApplicationContext replicaB = new SpringApplicationBuilder(WaddlePerfApi.class)
                .properties(Map.of(
                        "server.port",
                        "0",
                        "spring.datasource.url",
                        environment.getRequiredProperty("spring.datasource.url"),
                        "spring.datasource.username",
                        environment.getRequiredProperty("spring.datasource.username"),
                        "spring.datasource.password",
                        environment.getRequiredProperty("spring.datasource.password"),
                        "spring.datasource.hikari.maximum-pool-size",
                        "4",
                        "waddleperf.archive.data-dir",
                        "target/archive-it",
                        "waddleperf.monitors.replica-name",
                        "replica-b",
                        "waddleperf.monitors.fire-concurrency",
                        "2",
                        "waddleperf.identity.bootstrap-admin-password",
                        ApiIntegrationTest.OPERATOR_PASSWORD))
                .run();
        List<String> monitors = new ArrayList<>();
        Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Instant stopOfB;
        try {
            for (int i = 0; i < 20; i++) {
                monitors.add(monitor(http, org, "m" + i, start.plusMillis(i * 100L)));
            }
            // Both replicas run the schedule until every monitor had its slots of the first 16 s.
            await().atMost(Duration.ofSeconds(90)).until(() -> everyMonitorRanAt(monitors, start.plusSeconds(16)));
            assertThat(replicas(monitors, start)).contains("replica-b").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            replicaB.close();
            stopOfB = Instant.now();
        }
        // The survivor alone, until every monitor ran a slot 8 s after B stopped.
        Instant later = stopOfB.plusSeconds(8);
        await().atMost(Duration.ofSeconds(90)).until(() -> everyMonitorRanAt(monitors, later));
        for (String monitor : monitors) {
            List<Map<String, Object>> rounds = jdbc.queryForList(
                    "SELECT due_at, missed_slots, replica FROM monitor_rounds WHERE monitor_id = ? ORDER BY due_at",
                    monitor);
            // Every slot from the first to the last round is accounted for exactly once: by its own
            // round, or folded into a late round that says how many it stands for (a replica that
            // was busier than the 2 s interval).
            Instant first = dueOf(rounds.getFirst());
            Instant last = dueOf(rounds.getLast());
            long slots = Duration.between(first, last).toSeconds() / INTERVAL_SECONDS + 1;
            long accounted = rounds.stream()
                    .mapToLong(round -> 1 + ((Number) round.get("missed_slots")).longValue())
                    .sum();
            assertThat(accounted).as("monitor %s: %s", monitor, rounds).isEqualTo(slots);
            Set<Instant> distinct = new HashSet<>();
            rounds.forEach(round -> assertThat(distinct.add(dueOf(round))).isTrue());
            // After B stopped (and its last claims committed), the monitor kept running, on the survivor.
            List<Map<String, Object>> afterStop = rounds.stream()
                    .filter(round -> dueOf(round).isAfter(stopOfB.plusSeconds(1)))
                    .toList();
            assertThat(afterStop)
                    .as("monitor %s after replica B stopped", monitor)
                    .isNotEmpty();
            assertThat(afterStop)
                    .allSatisfy(round -> assertThat(round.get("replica")).isNotEqualTo("replica-b"));
        }
    }

    /** A paused API-made monitor, then (in the database) a 2 s interval from {@code firstDue}. */
    private String monitor(HttpTestClient http, Org org, String name, Instant firstDue) {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/monitors",
                "{\"name\":\"" + name + "\",\"target\":\"192.0.2.1\",\"probes\":[\"tcp_connect\"],"
                        + "\"vantage\":[{\"region\":\"replicas-nowhere\"}],\"enabled\":false}",
                "Authorization",
                bearer(org.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        LocalDateTime due = LocalDateTime.ofInstant(firstDue, ZoneOffset.UTC);
        jdbc.update(
                "UPDATE monitors SET interval_seconds = ?, anchor_at = ?, next_due_at = ?, enabled = TRUE,"
                        + " version = version + 1 WHERE id = ?",
                INTERVAL_SECONDS,
                due,
                due,
                id);
        return id;
    }

    private boolean everyMonitorRanAt(List<String> monitors, Instant atLeast) {
        return monitors.stream()
                .allMatch(monitor -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM monitor_rounds WHERE monitor_id = ? AND due_at >= ?",
                                Integer.class,
                                monitor,
                                LocalDateTime.ofInstant(atLeast, ZoneOffset.UTC))
                        > 0);
    }

    private Set<Object> replicas(List<String> monitors, Instant since) {
        Set<Object> replicas = new HashSet<>();
        for (String monitor : monitors) {
            jdbc.queryForList(
                            "SELECT replica FROM monitor_rounds WHERE monitor_id = ? AND due_at >= ?",
                            String.class,
                            monitor,
                            LocalDateTime.ofInstant(since, ZoneOffset.UTC))
                    .forEach(replicas::add);
        }
        return replicas;
    }

    private static Instant dueOf(Map<String, Object> round) {
        Object due = round.get("due_at");
        return due instanceof Timestamp t
                ? t.toLocalDateTime().toInstant(ZoneOffset.UTC)
                : ((LocalDateTime) due).toInstant(ZoneOffset.UTC);
    }
}
