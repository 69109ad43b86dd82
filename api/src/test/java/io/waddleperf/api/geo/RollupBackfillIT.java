package io.waddleperf.api.geo;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.api.geo.HeatmapIT.Spot;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The upgrade backfill: rollups kept before the quarter-day, daily and weekly tiers existed (only
 * hourly rows, as before V52 and V85) are completed by the rebuilds the migrations V55 and V86
 * queue and the cluster job {@code geo-rollup-rebuild} works off. Afterwards every tier answers
 * what a direct computation over the raw results gives, a result stored while the backfill waits
 * is counted once, and the rebuilds' progress reaches done.
 */
@ApiIntegrationTest
class RollupBackfillIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    /** One result sent: where, when, what. */
    record Sent(Spot spot, Instant finished, double latency) {}

    @Test
    void theUpgradeRebuildsFillTheTiersFromTheHourlyRowsAndTheyEqualTheRawResults() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        Org org = new Fixtures(http).createOrg("Backfill " + UUID.randomUUID());
        String auth = bearer(org.adminToken());
        List<Spot> spots = HeatmapIT.distinctCountries(2);

        // Results over three days, nine days back: hours in partial days, in whole quarter-days,
        // in whole days, and one outside the mixed period below.
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(9));
        long[] hours = {-3, 2, 7, 13, 19, 26, 35, 47, 53, 55};
        List<Sent> sent = new ArrayList<>();
        int i = 0;
        for (Spot spot : spots) {
            for (long h : hours) {
                Instant finished = day.plus(Duration.ofHours(h)).plusSeconds(60L * (i % 50));
                double latency = 10 + (i * 37 % 113) + i / 100.0;
                send(http, org, auth, spot, finished, latency);
                sent.add(new Sent(spot, finished, latency));
                i++;
            }
        }

        // Back to before the tiers: only the hourly rows are left, as an installation upgrading
        // from V50/V51 has them.
        for (String table : List.of("geo_rollups_quarter_day", "geo_rollups_daily", "geo_rollups_weekly")) {
            jdbc.update("DELETE FROM " + table + " WHERE org_id = ?", org.id().toString());
        }
        Instant from = day.minus(Duration.ofDays(1));
        Instant to = day.plus(Duration.ofDays(3));
        String wholeDays = "&from=" + from + "&to=" + to;
        assertThat(heatmap(http, org, auth, wholeDays).path("features"))
                .as("whole days come from the daily rows, which are gone")
                .isEmpty();

        // The migrations' own statements, narrowed to this test's organisation so that other
        // tests' organisations in the shared database are not queued.
        double hoursCounted = counted();
        for (String migration :
                List.of("V55__geo_queue_tier_backfill.sql", "V86__geo_queue_quarter_day_backfill.sql")) {
            jdbc.update(migration(migration)
                    .replaceAll(
                            "FROM geo_rollups(\\s)",
                            "FROM (SELECT * FROM geo_rollups WHERE org_id = '" + org.id() + "') geo_rollups$1"));
        }
        List<String> ids = jdbc.queryForList(
                "SELECT id FROM geo_rollup_rebuilds WHERE org_id = ? ORDER BY requested_at, id",
                String.class,
                org.id().toString());
        assertThat(ids).hasSize(2);

        // A result stored while the backfill is queued or running counts once.
        Instant late = day.plus(Duration.ofHours(13)).plusSeconds(1800);
        send(http, org, auth, spots.get(0), late, 500.25);
        sent.add(new Sent(spots.get(0), late, 500.25));

        long hoursTotal = 0;
        for (String id : ids) {
            String status = "/api/v1/orgs/" + org.id() + "/heatmap/rebuilds/" + id;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .until(
                            () -> http.get(status, "Authorization", auth)
                                    .json()
                                    .path("state")
                                    .asString(),
                            "done"::equals);
            JsonNode done = http.get(status, "Authorization", auth).json();
            assertThat(done.path("kind").asString()).isEqualTo("tiers");
            // Over the hours the organisation had: from its first result's hour to after its last.
            assertThat(Instant.parse(done.path("from").asString())).isEqualTo(day.minus(Duration.ofHours(3)));
            assertThat(Instant.parse(done.path("to").asString())).isEqualTo(day.plus(Duration.ofHours(56)));
            assertThat(done.path("hoursDone").asLong())
                    .isEqualTo(done.path("hoursTotal").asLong());
            assertThat(done.path("hoursTotal").asLong()).isEqualTo(59);
            assertThat(done.path("finishedAt").isNull()).isFalse();
            hoursTotal += done.path("hoursTotal").asLong();
        }
        // The job's counter of hours rebuilt moved by at least these rebuilds' hours (other
        // tests' rebuilds may add to it).
        assertThat(counted() - hoursCounted).isGreaterThanOrEqualTo(hoursTotal);
        for (String table : List.of("geo_rollups_quarter_day", "geo_rollups_daily", "geo_rollups_weekly")) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM " + table + " WHERE org_id = ?",
                            Long.class,
                            org.id().toString()))
                    .as(table)
                    .isPositive();
        }

        // Whole weeks (weekly rows), whole days (daily rows), and a period with hours, quarter-days
        // and days (and one result after it) all equal the raw results.
        Instant monday = day.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Instant mixedFrom = day.minus(Duration.ofHours(4));
        Instant mixedTo = day.plus(Duration.ofHours(54));
        for (Instant[] period : List.of(
                new Instant[] {monday, monday.plus(Duration.ofDays(21))},
                new Instant[] {from, to},
                new Instant[] {mixedFrom, mixedTo})) {
            JsonNode map = heatmap(http, org, auth, "&from=" + period[0] + "&to=" + period[1]);
            Map<String, JsonNode> byName = new TreeMap<>();
            map.path("features")
                    .forEach(f -> byName.put(f.path("properties").path("name").asString(), f));
            assertThat(byName).hasSize(spots.size());
            for (Spot spot : spots) {
                double[] raw = sent.stream()
                        .filter(s -> s.spot().equals(spot)
                                && !s.finished().isBefore(period[0])
                                && s.finished().isBefore(period[1]))
                        .mapToDouble(Sent::latency)
                        .sorted()
                        .toArray();
                assertMatches(byName.get(spot.cityName()).path("properties"), raw, period);
            }
        }
        // The mixed period really leaves the last result out, so its figures are not the whole set.
        assertThat(sent.stream().filter(s -> !s.finished().isBefore(mixedTo))).isNotEmpty();
    }

    private double counted() {
        return meters.get("waddleperf.geo.rebuild.hours").counter().count();
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = RollupBackfillIT.class.getResourceAsStream("/db/migration/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertMatches(JsonNode props, double[] sortedRaw, Instant[] period) {
        String as = Arrays.toString(period);
        assertThat(props.path("count").asLong()).as(as).isEqualTo(sortedRaw.length);
        assertThat(props.path("min").asDouble()).as(as).isEqualTo(sortedRaw[0]);
        assertThat(props.path("max").asDouble()).as(as).isEqualTo(sortedRaw[sortedRaw.length - 1]);
        assertThat(props.path("mean").asDouble())
                .as(as)
                .isCloseTo(Arrays.stream(sortedRaw).average().orElseThrow(), within(1e-6));
        for (double quantile : new double[] {0.5, 0.95}) {
            double exact = sortedRaw[(int) Math.floor(quantile * (sortedRaw.length - 1))];
            assertThat(props.path(quantile == 0.5 ? "p50" : "p95").asDouble())
                    .as(as + " " + quantile)
                    .isCloseTo(exact, within(exact * 0.01));
        }
    }

    private static JsonNode heatmap(HttpTestClient http, Org org, String auth, String period) {
        Response r = http.get(
                "/api/v1/orgs/" + org.id() + "/heatmap?metric=latency&level=city&side=target" + period,
                "Authorization",
                auth);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void send(HttpTestClient http, Org org, String auth, Spot spot, Instant finished, double ms) {
        String body = "{\"type\":\"tcp_connect\",\"target\":\"" + spot.address() + ":443\",\"status\":\"succeeded\","
                + "\"finishedAt\":\"" + finished + "\",\"summary\":{\"rtt\":{\"samples\":5,\"avg\":" + ms + ",\"p50\":"
                + ms + ",\"p95\":" + ms + ",\"p99\":" + ms + "}}}";
        Response r = http.post(
                "/api/v1/orgs/" + org.id() + "/results",
                body,
                "Authorization",
                auth,
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
