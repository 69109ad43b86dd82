package io.waddleperf.api.geo.internal;

import com.maxmind.db.DatabaseRecord;
import com.uber.h3core.H3Core;
import com.zaxxer.hikari.HikariDataSource;
import io.waddleperf.api.geo.GeoProperties;
import io.waddleperf.api.geo.Location;
import io.waddleperf.api.results.ResultStored;
import io.waddleperf.api.support.TestDatabase;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench/heatmap}: N results over 90 days from 1,000 cities in one organisation; heatmap
 * query time from rollups against the same answer computed from raw results, and what keeping
 * rollups adds to each stored result. Not a test: run by the script, never by {@code verify}.
 *
 * <p>Arguments: N (results, default 1,000,000), query repetitions (default 7).
 */
public final class HeatmapBench {

    private static final int CITIES = 1000;
    private static final int DAYS = 90;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dbip = Path.of(System.getProperty("waddleperf.geo.dbip-directory"));
        TestDatabase db = TestDatabase.get();
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
        Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (HikariDataSource ds = new HikariDataSource();
                DatabaseGeoLocator locator = new DatabaseGeoLocator(new DbIpCityDatabase(dbip), null)) {
            ds.setJdbcUrl(url);
            ds.setUsername(db.username());
            ds.setPassword(db.password());
            ds.setMaximumPoolSize(2);
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            Places places = new Places(H3Core.newInstance());
            RollupStore store = new RollupStore(jdbc);
            Heatmaps heatmaps = new Heatmaps(store, new GeoProperties(dbip, null, 5, 400));
            UUID org = UUID.randomUUID();
            List<String> addresses = cities(dbip, locator);
            System.out.printf(Locale.ROOT, "org %s, %,d results, %d cities, %d days%n", org, n, CITIES, DAYS);

            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Instant start = end.minus(Duration.ofDays(DAYS));
            long t0 = System.nanoTime();
            Map<RollupKey, RollupStore.Aggregate> rollups = new LinkedHashMap<>();
            SplittableRandom random = new SplittableRandom(1);
            List<MapSqlParameterSource> batch = new ArrayList<>();
            long periodSeconds = Duration.between(start, end).toSeconds();
            for (int i = 0; i < n; i++) {
                String ip = addresses.get(random.nextInt(addresses.size()));
                Instant finished = start.plusSeconds(random.nextLong(periodSeconds));
                double latency = Math.round(Math.exp(random.nextDouble(1, 6)) * 100) / 100.0;
                batch.add(new MapSqlParameterSource()
                        .addValue("id", UUID.randomUUID().toString())
                        .addValue("org", org.toString())
                        .addValue("run", UUID.randomUUID().toString())
                        .addValue("finished", LocalDateTime.ofInstant(finished, ZoneOffset.UTC))
                        .addValue("latency", latency)
                        .addValue("ip", ip));
                LocalDateTime hour = LocalDateTime.ofInstant(finished.truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
                for (Place place : places.of(locator.locate(ip))) {
                    rollups.computeIfAbsent(
                                    new RollupKey(hour, place.level(), place.key()),
                                    k -> new RollupStore.Aggregate(place))
                            .add(latency);
                }
                if (batch.size() == 5000 || i == n - 1) {
                    insertResults(jdbc, batch);
                    batch.clear();
                }
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "raw results loaded in %.1f s (%,.0f/s)%n", loadSeconds, n / loadSeconds);
            t0 = System.nanoTime();
            insertRollups(jdbc, org, rollups);
            System.out.printf(
                    Locale.ROOT,
                    "%,d rollup rows (latency, client side) written in %.1f s%n",
                    rollups.size(),
                    (System.nanoTime() - t0) / 1e9);
            rollups.clear();

            System.out.println();
            System.out.println(
                    "| level | period | places | rollups p50 ms | rollups p95 ms | raw p50 ms | raw p95 ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Level level : List.of(Level.COUNTRY, Level.CITY, Level.CELL5)) {
                for (int days : List.of(7, 90)) {
                    HeatmapRequest request = new HeatmapRequest(
                            Metric.LATENCY, level, end.minus(Duration.ofDays(days)), end, Side.CLIENT, null);
                    long[] fromRollups = new long[reps];
                    long[] fromRaw = new long[reps];
                    int placeCount = 0;
                    for (int r = 0; r < reps; r++) {
                        long a = System.nanoTime();
                        placeCount = heatmaps.query(org, request).places().size();
                        fromRollups[r] = System.nanoTime() - a;
                        a = System.nanoTime();
                        raw(jdbc, locator, places, org, request);
                        fromRaw[r] = System.nanoTime() - a;
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %d d | %d | %.0f | %.0f | %.0f | %.0f |%n",
                            level.id(),
                            days,
                            placeCount,
                            pct(fromRollups, 0.5),
                            pct(fromRollups, 0.95),
                            pct(fromRaw, 0.5),
                            pct(fromRaw, 0.95));
                }
            }

            ingestCost(jdbc, tx, store, places, locator, addresses, end);
        }
        System.exit(0);
    }

    record RollupKey(LocalDateTime hour, Level level, String place) {}

    /**
     * What the ingest path pays: single-result transactions storing a results row, without and
     * with the rollup upserts GeoRollups does (one metric here; each further metric repeats it).
     */
    private static void ingestCost(
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate tx,
            RollupStore store,
            Places places,
            DatabaseGeoLocator locator,
            List<String> addresses,
            Instant end) {
        int count = 3000;
        SplittableRandom random = new SplittableRandom(2);
        UUID org = UUID.randomUUID();
        for (boolean withRollups : new boolean[] {false, true, false, true}) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String ip = addresses.get(random.nextInt(addresses.size()));
                Instant finished = end.minusSeconds(random.nextInt(86_400));
                double latency = random.nextDouble(1, 300);
                tx.executeWithoutResult(status -> {
                    insertResults(
                            jdbc,
                            List.of(new MapSqlParameterSource()
                                    .addValue("id", UUID.randomUUID().toString())
                                    .addValue("org", org.toString())
                                    .addValue("run", UUID.randomUUID().toString())
                                    .addValue("finished", LocalDateTime.ofInstant(finished, ZoneOffset.UTC))
                                    .addValue("latency", latency)
                                    .addValue("ip", ip)));
                    if (withRollups) {
                        ResultStored stored = new ResultStored(
                                org,
                                UUID.randomUUID(),
                                "speedtest",
                                "bench",
                                null,
                                ip,
                                finished,
                                latency,
                                null,
                                null,
                                null);
                        List<RollupStore.Sample> samples = new ArrayList<>();
                        for (Place place : places.of(locator.locate(stored.clientIp()))) {
                            samples.add(new RollupStore.Sample(Metric.LATENCY, Side.CLIENT, place, latency));
                        }
                        store.add(org, GeoRollups.hour(stored), samples);
                    }
                });
            }
            double perResult = (System.nanoTime() - t0) / 1e6 / count;
            System.out.printf(
                    Locale.ROOT,
                    "ingest, one result per transaction, %s: %.2f ms/result (%d results)%n",
                    withRollups ? "with rollups (4 levels x 1 metric)" : "results row only",
                    perResult,
                    count);
        }
    }

    private static void raw(
            NamedParameterJdbcTemplate jdbc, DatabaseGeoLocator locator, Places places, UUID org, HeatmapRequest r) {
        Map<String, List<Double>> byPlace = new HashMap<>();
        jdbc.query(
                "SELECT client_ip, latency_avg_ms FROM results WHERE org_id = :org AND finished_at >= :from"
                        + " AND finished_at < :to",
                new MapSqlParameterSource()
                        .addValue("org", org.toString())
                        .addValue("from", LocalDateTime.ofInstant(r.from(), ZoneOffset.UTC))
                        .addValue("to", LocalDateTime.ofInstant(r.to(), ZoneOffset.UTC)),
                rs -> {
                    Location location = locator.locate(rs.getString(1));
                    for (Place place : places.of(location)) {
                        if (place.level() == r.level()) {
                            byPlace.computeIfAbsent(place.key(), k -> new ArrayList<>())
                                    .add(rs.getDouble(2));
                        }
                    }
                });
        byPlace.values().removeIf(v -> v.size() < 5);
        for (List<Double> values : byPlace.values()) {
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p50 = sorted[(int) Math.floor(0.5 * (sorted.length - 1))];
            double p95 = sorted[(int) Math.floor(0.95 * (sorted.length - 1))];
            if (p50 > p95) {
                throw new IllegalStateException("unsorted");
            }
        }
    }

    private static void insertResults(NamedParameterJdbcTemplate jdbc, List<MapSqlParameterSource> rows) {
        jdbc.batchUpdate(
                "INSERT INTO results (id, org_id, run_id, probe_type, target, status, verdict, breaches, finished_at,"
                        + " latency_avg_ms, client_ip, summary) VALUES (:id, :org, :run, 'speedtest', 'bench',"
                        + " 'succeeded', 'ok', '[]', :finished, :latency, :ip, '{}')",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    private static void insertRollups(
            NamedParameterJdbcTemplate jdbc, UUID org, Map<RollupKey, RollupStore.Aggregate> rollups) {
        List<MapSqlParameterSource> batch = new ArrayList<>();
        Iterator<Map.Entry<RollupKey, RollupStore.Aggregate>> it =
                rollups.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RollupKey, RollupStore.Aggregate> e = it.next();
            RollupStore.Aggregate a = e.getValue();
            batch.add(new MapSqlParameterSource()
                    .addValue("org", org.toString())
                    .addValue("level", e.getKey().level().id())
                    .addValue("hour", e.getKey().hour())
                    .addValue("place", a.place.key())
                    .addValue("country", a.place.countryCode())
                    .addValue("name", a.place.name())
                    .addValue("lat", a.place.latitude())
                    .addValue("lon", a.place.longitude())
                    .addValue("count", a.count)
                    .addValue("min", a.min)
                    .addValue("max", a.max)
                    .addValue("sum", a.sum)
                    .addValue("sketch", Sketches.encode(a.sketch)));
            if (batch.size() == 5000 || !it.hasNext()) {
                jdbc.batchUpdate(
                        "INSERT INTO geo_rollups (org_id, metric, level, hour, side, place, country_code, name,"
                                + " latitude, longitude, sample_count, min_value, max_value, sum_value, sketch) VALUES"
                                + " (:org, 'latency', :level, :hour, 'client', :place, :country, :name, :lat, :lon,"
                                + " :count, :min, :max, :sum, :sketch)",
                        batch.toArray(MapSqlParameterSource[]::new));
                batch.clear();
            }
        }
    }

    /** One public address for each of the first 1,000 distinct cities of the database. */
    @SuppressWarnings({"rawtypes"})
    private static List<String> cities(Path dbip, DatabaseGeoLocator locator) throws Exception {
        Map<String, String> byCity = new LinkedHashMap<>();
        try (com.maxmind.db.Reader reader = new com.maxmind.db.Reader(
                new File(dbip.resolve(DbIpCityDatabase.IPV4_FILE).toString()))) {
            Iterator<DatabaseRecord<Map>> networks = reader.networks(Map.class);
            int seen = 0;
            while (networks.hasNext() && byCity.size() < CITIES) {
                DatabaseRecord<Map> record = networks.next();
                if (seen++ % 101 != 0) {
                    continue;
                }
                InetAddress address = record.network().networkAddress();
                Location location = locator.locate(address.getHostAddress());
                if (location.city() != null && location.hasCoordinates()) {
                    byCity.putIfAbsent(location.countryCode() + "|" + location.city(), address.getHostAddress());
                }
            }
        }
        return List.copyOf(byCity.values());
    }

    private static double pct(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1e6;
    }

    private HeatmapBench() {}
}
