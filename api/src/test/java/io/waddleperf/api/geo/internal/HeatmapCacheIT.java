package io.waddleperf.api.geo.internal;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.api.geo.GeoProperties;
import io.waddleperf.api.geo.Location;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The heatmap's cache of settled spans against the real MariaDB: the API's heatmap (cached) gives
 * what the same query without a cache gives, repeated queries take the settled spans from the
 * cache, and a late result stored through the API, or a rebuild, makes this replica and a second
 * one (another cache over the same database, as another API replica has) read the spans again,
 * while a result in time is in the answer at once without raising any revision.
 */
@ApiIntegrationTest
class HeatmapCacheIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Heatmaps heatmaps;

    @Autowired
    HeatmapCache cache;

    @Autowired
    RollupStore store;

    @Autowired
    RollupRevisions revisions;

    @Autowired
    GeoProperties properties;

    @Autowired
    DatabaseGeoLocator locator;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    HttpTestClient http;
    Org org;
    String auth;

    @Test
    void cachedSpansAnswerAsTheTablesDoUntilALateResultOrARebuildChangesThem() throws Exception {
        http = new HttpTestClient(port);
        org = new Fixtures(http).createOrg("Heatmap cache " + UUID.randomUUID());
        auth = bearer(org.adminToken());
        List<String> targets = addresses(3);

        // Results over nine days up to the current hour: settled hours, quarter-days, days and a
        // week, and the hours not settled yet at the end.
        Instant now = Instant.now();
        Instant base = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(9));
        int sent = 0;
        for (int i = 0; i < 90; i++) {
            Instant finished = base.plus(Duration.ofMinutes(150L * i + 7));
            if (finished.isAfter(now.minusSeconds(60))) {
                break;
            }
            send(targets.get(i % targets.size()), finished, 5 + (i * 37 % 101) + i / 100.0);
            sent++;
        }
        send(targets.get(0), now.minusSeconds(30), 42.5);
        sent++;

        // The whole period to the end of the current hour, cities of the targets; and countries,
        // and a box around the first target, from the same cached spans.
        HeatmapRequest cities = request(Level.CITY, base, now, null);
        HeatmapRequest countries = request(Level.COUNTRY, base, now, null);
        Location first = locator.locate(targets.get(0));
        BoundingBox box = new BoundingBox(
                first.longitude() - 1, first.latitude() - 1, first.longitude() + 1, first.latitude() + 1);
        HeatmapRequest boxed = request(Level.CITY, base, now, box);
        Heatmaps uncached = new Heatmaps(
                store, properties, revisions, new HeatmapCache(0, new SimpleMeterRegistry()), Clock.systemUTC());

        double misses = count("miss");
        double hits = count("hit");
        LocalDateTime settled = RollupRevisions.settledBefore(Instant.now());
        Heatmaps.Heatmap firstAnswer = heatmaps.query(org.id(), cities);
        assertThat(count("miss")).as("the settled spans were read").isGreaterThan(misses);
        assertThat(total(firstAnswer)).isEqualTo(sent);
        assertThat(firstAnswer.places()).hasSize(3);
        double missesAfterFirst = count("miss");
        Heatmaps.Heatmap again = heatmaps.query(org.id(), cities);
        if (RollupRevisions.settledBefore(Instant.now()).equals(settled)) {
            // (Unless another hour settled between the two queries: its spans are new ones.)
            assertThat(count("miss")).as("nothing read again").isEqualTo(missesAfterFirst);
        }
        assertThat(count("hit")).isGreaterThan(hits);
        assertSame(again, firstAnswer);
        assertSame(again, query(uncached, cities));
        assertSame(heatmaps.query(org.id(), countries), query(uncached, countries));
        Heatmaps.Heatmap inBox = heatmaps.query(org.id(), boxed);
        assertThat(inBox.places()).hasSize(1);
        assertThat(inBox.places().getFirst().latitude()).isCloseTo(first.latitude(), within(1e-6));
        assertSame(inBox, query(uncached, boxed));

        // A second replica caches the same spans in its own memory.
        Heatmaps replica = new Heatmaps(
                store, properties, revisions, new HeatmapCache(64 << 20, new SimpleMeterRegistry()), Clock.systemUTC());
        assertSame(query(replica, cities), firstAnswer);

        // A result in time (the current hour) raises nothing and is in the next answer anyway:
        // hours not settled are read on every query.
        long before = revisionSum();
        send(targets.get(1), now.truncatedTo(ChronoUnit.HOURS).plusSeconds(1), 77.25);
        sent++;
        assertThat(revisionSum()).isEqualTo(before);
        assertThat(total(heatmaps.query(org.id(), cities))).isEqualTo(sent);

        // A late result, five days back: its day's revision is raised, and both replicas read the
        // spans touching that day again, so both count it.
        Instant late = base.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(95));
        double stale = count("stale");
        send(targets.get(2), late, 999.5);
        sent++;
        assertThat(revisionSum()).isGreaterThan(before);
        Heatmaps.Heatmap afterLate = heatmaps.query(org.id(), cities);
        assertThat(count("stale")).isGreaterThan(stale);
        assertThat(total(afterLate)).isEqualTo(sent);
        assertThat(afterLate.places().stream()
                        .mapToDouble(Heatmaps.PlaceStats::max)
                        .max()
                        .orElseThrow())
                .isEqualTo(999.5);
        assertSame(afterLate, query(uncached, cities));
        assertSame(query(replica, cities), afterLate);

        // Rows changed behind the API's back (here: the late result's day lost from every tier, and
        // its week) are not seen by a cache, whose revisions did not move; a rebuild of that day
        // repairs the rows and raises the day's revision, and the cached answer is the full one again.
        LocalDate day = LocalDate.ofInstant(late, ZoneOffset.UTC);
        for (String[] tier : new String[][] {
            {"geo_rollups", "DATE(hour)"},
            {"geo_rollups_quarter_day", "DATE(quarter_day)"},
            {"geo_rollups_daily", "day"}
        }) {
            jdbc.update(
                    "DELETE FROM " + tier[0] + " WHERE org_id = ? AND " + tier[1] + " = ?",
                    org.id().toString(),
                    day);
        }
        jdbc.update(
                "DELETE FROM geo_rollups_weekly WHERE org_id = ? AND week = ?",
                org.id().toString(),
                day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        assertThat(total(query(uncached, cities))).isLessThan(sent);
        assertThat(total(heatmaps.query(org.id(), cities)))
                .as("served from the cache")
                .isEqualTo(sent);
        long beforeRebuild = revisionSum();
        Instant dayStart = late.truncatedTo(ChronoUnit.DAYS);
        Response queued = http.post(
                "/api/v1/orgs/" + org.id() + "/heatmap/rebuild?from=" + dayStart + "&to="
                        + dayStart.plus(Duration.ofDays(1)),
                "",
                "Authorization",
                auth);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String status = "/api/v1/orgs/" + org.id() + "/heatmap/rebuilds/"
                + queued.json().path("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .until(
                        () -> http.get(status, "Authorization", auth)
                                .json()
                                .path("state")
                                .asString(),
                        "done"::equals);
        assertThat(revisionSum()).isGreaterThan(beforeRebuild);
        Heatmaps.Heatmap rebuilt = heatmaps.query(org.id(), cities);
        assertThat(total(rebuilt)).isEqualTo(sent);
        assertSame(rebuilt, query(uncached, cities));
        assertSame(query(replica, cities), rebuilt);
    }

    private HeatmapRequest request(Level level, Instant from, Instant now, BoundingBox box) {
        return new HeatmapRequest(
                Metric.LATENCY,
                level,
                from,
                now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)),
                Side.TARGET,
                box);
    }

    /** A heatmap of a Heatmaps made here (no Spring proxy), in a read-only transaction as the API's. */
    private Heatmaps.Heatmap query(Heatmaps of, HeatmapRequest request) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        return tx.execute(status -> of.query(org.id(), request));
    }

    private static long total(Heatmaps.Heatmap map) {
        return map.places().stream().mapToLong(Heatmaps.PlaceStats::count).sum();
    }

    /**
     * The same places with the same figures: counts, extremes and percentiles exactly (the merged
     * bins are the same), the mean within rounding (sums added up in another order).
     */
    private static void assertSame(Heatmaps.Heatmap actual, Heatmaps.Heatmap expected) {
        assertThat(actual.places()).hasSameSizeAs(expected.places());
        for (int i = 0; i < expected.places().size(); i++) {
            Heatmaps.PlaceStats a = actual.places().get(i);
            Heatmaps.PlaceStats e = expected.places().get(i);
            assertThat(a.place()).isEqualTo(e.place());
            assertThat(a.side()).isEqualTo(e.side());
            assertThat(a.name()).isEqualTo(e.name());
            assertThat(a.count()).as(e.name()).isEqualTo(e.count());
            assertThat(a.min()).as(e.name()).isEqualTo(e.min());
            assertThat(a.max()).as(e.name()).isEqualTo(e.max());
            assertThat(a.p50()).as(e.name()).isEqualTo(e.p50());
            assertThat(a.p95()).as(e.name()).isEqualTo(e.p95());
            assertThat(a.mean()).as(e.name()).isCloseTo(e.mean(), within(Math.abs(e.mean()) * 1e-12));
        }
    }

    private double count(String result) {
        return meters.get("waddleperf.geo.heatmap.cache")
                .tag("result", result)
                .counter()
                .count();
    }

    private long revisionSum() {
        Long sum = jdbc.queryForObject(
                "SELECT COALESCE(SUM(revision), 0) FROM geo_rollup_revisions WHERE org_id = ?",
                Long.class,
                org.id().toString());
        return sum == null ? 0 : sum;
    }

    private void send(String address, Instant finished, double ms) {
        String body = "{\"type\":\"tcp_connect\",\"target\":\"" + address + ":443\",\"status\":\"succeeded\","
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

    /** Public addresses of the bundled database in distinct countries with a city, far apart. */
    @SuppressWarnings("rawtypes")
    private List<String> addresses(int n) throws Exception {
        Path dir = Path.of(System.getProperty("waddleperf.geo.dbip-directory"));
        List<String> found = new ArrayList<>();
        List<Double> longitudes = new ArrayList<>();
        Set<String> countries = new HashSet<>();
        try (Reader reader =
                new Reader(new File(dir.resolve(DbIpCityDatabase.IPV4_FILE).toString()))) {
            Iterator<DatabaseRecord<Map>> networks = reader.networks(Map.class);
            int seen = 0;
            while (networks.hasNext() && found.size() < n) {
                DatabaseRecord<Map> record = networks.next();
                if (seen++ % 1009 != 0) {
                    continue;
                }
                byte[] b = record.network().networkAddress().getAddress();
                if (record.network().prefixLength() <= 31) {
                    b[3] = (byte) (b[3] | 1);
                }
                String address = InetAddress.getByAddress(b).getHostAddress();
                if (IpLiterals.publicAddress(address).isEmpty()) {
                    continue;
                }
                Location location = locator.locate(address);
                if (location.city() != null
                        && location.hasCoordinates()
                        && countries.add(location.countryCode())
                        && longitudes.stream().allMatch(l -> Math.abs(l - location.longitude()) > 2)) {
                    found.add(address);
                    longitudes.add(location.longitude());
                }
            }
        }
        assertThat(found).hasSize(n);
        return found;
    }
}
