package io.waddleperf.api.geo.internal;

import com.maxmind.db.DatabaseRecord;
import com.uber.h3core.H3Core;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.api.geo.GeoProperties;
import io.waddleperf.api.geo.Location;
import io.waddleperf.api.results.ResultStored;
import io.waddleperf.api.support.TestDatabase;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
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
import org.springframework.util.unit.DataSize;

/**
 * {@code bench/heatmap}: N results over 90 days from 1,000 cities in one organisation; heatmap
 * query time from rollups against the same answer computed from raw results, and what keeping
 * rollups adds to each stored result. Not a test: run by the script, never by {@code verify}.
 *
 * <p>Arguments: N (results, default 1,000,000), query repetitions (default 7), repetitions of the
 * raw-results query (default 3; each reads every result of the period). {@code query ORG [REPS]
 * [RAW_REPS]} times the queries (and the ingest cost) again over an organisation loaded before.
 */
public final class HeatmapBench {

    private static final int CITIES = 1000;
    private static final int DAYS = 90;

    public static void main(String[] args) throws Exception {
        // "query ORG": time the queries again over an organisation an earlier run loaded.
        boolean reuse = args.length > 1 && args[0].equals("query");
        UUID reused = reuse ? UUID.fromString(args[1]) : null;
        int shift = reuse ? 1 : 0;
        int n = reuse ? 0 : args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int reps = args.length > 1 + shift ? Integer.parseInt(args[1 + shift]) : 7;
        int rawReps = args.length > 2 + shift ? Integer.parseInt(args[2 + shift]) : 3;
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
            GeoProperties properties = new GeoProperties(
                    dbip,
                    null,
                    5,
                    400,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(20),
                    Duration.ofMillis(250),
                    Duration.ofHours(1),
                    DataSize.ofMegabytes(64));
            RollupRevisions revisions = new RollupRevisions(jdbc);
            // Queries run as the API runs them: one read-only transaction each.
            TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(ds));
            readOnly.setReadOnly(true);
            UUID org = reused != null ? reused : UUID.randomUUID();
            List<String> addresses = cities(dbip, locator);
            System.out.printf(Locale.ROOT, "org %s, %,d results, %d cities, %d days%n", org, n, CITIES, DAYS);

            Instant end = reused == null
                    ? Instant.now().truncatedTo(ChronoUnit.HOURS)
                    : jdbc.queryForObject(
                                    "SELECT MAX(hour) FROM geo_rollups WHERE org_id = :org",
                                    Map.of("org", reused.toString()),
                                    LocalDateTime.class)
                            .plusHours(1)
                            .toInstant(ZoneOffset.UTC);
            Instant start = end.minus(Duration.ofDays(DAYS));
            long t0 = System.nanoTime();
            long rollupNanos = 0;
            long[] rollupRows = new long[RollupStore.Tier.values().length];
            SplittableRandom random = new SplittableRandom(1);
            int hours = DAYS * 24;
            // Results are generated hour by hour (uniform over the period, as a random instant per
            // result would be), so each hour's rollups are complete when the hour ends and only a
            // day's and a week's aggregates are held in memory.
            Map<RollupKey, RollupStore.Aggregate> quarter = new LinkedHashMap<>();
            Map<RollupKey, RollupStore.Aggregate> day = new LinkedHashMap<>();
            Map<RollupKey, RollupStore.Aggregate> week = new LinkedHashMap<>();
            ResultLoader loader = new ResultLoader(ds, org);
            for (int h = 0; h < (reused == null ? hours : 0); h++) {
                Instant hourStart = start.plus(Duration.ofHours(h));
                LocalDateTime hour = LocalDateTime.ofInstant(hourStart, ZoneOffset.UTC);
                int count = (int) ((long) n * (h + 1) / hours - (long) n * h / hours);
                Map<RollupKey, RollupStore.Aggregate> hourly = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    String ip = addresses.get(random.nextInt(addresses.size()));
                    Instant finished = hourStart.plusMillis(random.nextLong(3_600_000));
                    double latency = Math.round(Math.exp(random.nextDouble(1, 6)) * 100) / 100.0;
                    loader.add(finished, latency, ip);
                    for (Place place : places.of(locator.locate(ip))) {
                        hourly.computeIfAbsent(
                                        new RollupKey(place.level(), place.key()),
                                        k -> new RollupStore.Aggregate(place))
                                .add(latency);
                    }
                }
                long r0 = System.nanoTime();
                rollupRows[0] += insertRollups(jdbc, RollupStore.Tier.HOUR, org, hour, hourly);
                merge(quarter, hourly);
                merge(day, hourly);
                merge(week, hourly);
                LocalDateTime next = hour.plusHours(1);
                if (next.getHour() % 6 == 0 || h == hours - 1) {
                    rollupRows[1] += insertRollups(jdbc, RollupStore.Tier.QUARTER_DAY, org, hour, quarter);
                    quarter.clear();
                }
                if (next.getHour() == 0 || h == hours - 1) {
                    rollupRows[2] += insertRollups(jdbc, RollupStore.Tier.DAY, org, hour, day);
                    day.clear();
                }
                if (RollupStore.Tier.WEEK.floor(next).equals(next) || h == hours - 1) {
                    rollupRows[3] += insertRollups(jdbc, RollupStore.Tier.WEEK, org, hour, week);
                    week.clear();
                }
                rollupNanos += System.nanoTime() - r0;
                if (h % 240 == 239) {
                    System.out.printf(
                            Locale.ROOT,
                            "  %d/%d hours, %,d results, %.0f s%n",
                            h + 1,
                            hours,
                            loader.loaded,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            loader.flush();
            if (reused == null) {
                double loadSeconds = (System.nanoTime() - t0 - rollupNanos) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "raw results loaded in %.1f s (%,.0f/s, multi-row INSERTs of %d)%n",
                        loadSeconds,
                        n / loadSeconds,
                        ResultLoader.ROWS_PER_STATEMENT);
                System.out.printf(
                        Locale.ROOT,
                        "rollup rows (latency, client side, 4 levels): %,d hourly, %,d quarter-day, %,d daily, %,d weekly,"
                                + " written in %.1f s%n",
                        rollupRows[0],
                        rollupRows[1],
                        rollupRows[2],
                        rollupRows[3],
                        rollupNanos / 1e9);
            } else {
                backfillQuarterDays(jdbc, tx, store, org, start, end);
            }
            jdbc.getJdbcTemplate()
                    .execute("ANALYZE TABLE results, geo_rollups, geo_rollups_quarter_day, geo_rollups_daily,"
                            + " geo_rollups_weekly");

            // All rollup queries first, then the raw computations: a raw scan of millions of
            // results evicts the rollups from the buffer pool, which a running API would not do.
            // The first query of each kind is reported apart (cold: JIT and buffer pool).
            List<HeatmapRequest> requests = new ArrayList<>();
            for (Level level : List.of(Level.COUNTRY, Level.CITY, Level.CELL5)) {
                for (int days : List.of(7, 90)) {
                    requests.add(new HeatmapRequest(
                            Metric.LATENCY, level, end.minus(Duration.ofDays(days)), end, Side.CLIENT, null));
                }
            }
            // Three ways of asking, each timed over the same requests (-Dbench.modes picks some):
            //  uncached: no cache, every span read from the rollup tables (the code before the cache);
            //  live: the same view asked again and again at 03:05 of the period's last hour (the
            //    clock 55 minutes before its end), so its last two hours are not settled and are read
            //    on every query, the rest comes from the cache (filled by the first, cold, query);
            //  hourly: the view one hour earlier at each repetition (period and clock), as a map
            //    left open sees it once an hour: the edges' hour spans are read, the rest is cached.
            List<String> modes = List.of(
                    System.getProperty("bench.modes", "uncached,live,hourly").split(","));
            Map<String, Map<HeatmapRequest, long[]>> fromRollups = new LinkedHashMap<>();
            Map<String, Map<HeatmapRequest, long[]>> cpu = new LinkedHashMap<>();
            Map<HeatmapRequest, Integer> placeCounts = new HashMap<>();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Instant liveClock = end.minus(Duration.ofMinutes(55));
            for (String mode : modes) {
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                HeatmapCache cache = new HeatmapCache(
                        mode.equals("uncached")
                                ? 0
                                : properties.heatmapCacheSize().toBytes(),
                        meters);
                for (HeatmapRequest request : requests) {
                    long[] times = new long[reps + 1];
                    long[] cpuTimes = new long[reps + 1];
                    for (int r = 0; r <= reps; r++) {
                        Duration back = mode.equals("hourly") ? Duration.ofHours(r) : Duration.ZERO;
                        HeatmapRequest asked = new HeatmapRequest(
                                request.metric(),
                                request.level(),
                                request.from().minus(back),
                                request.to().minus(back),
                                request.side(),
                                request.bbox());
                        Clock clock = Clock.fixed(
                                mode.equals("uncached") ? Instant.now() : liveClock.minus(back), ZoneOffset.UTC);
                        Heatmaps heatmaps = new Heatmaps(store, properties, revisions, cache, clock);
                        long c = threads.getCurrentThreadCpuTime();
                        long a = System.nanoTime();
                        Integer shown = readOnly.execute(
                                status -> heatmaps.query(org, asked).places().size());
                        times[r] = System.nanoTime() - a;
                        cpuTimes[r] = threads.getCurrentThreadCpuTime() - c;
                        if (r == 0 && shown != null) {
                            placeCounts.put(request, shown);
                        }
                    }
                    fromRollups
                            .computeIfAbsent(mode, m -> new LinkedHashMap<>())
                            .put(request, times);
                    cpu.computeIfAbsent(mode, m -> new LinkedHashMap<>()).put(request, cpuTimes);
                }
                System.out.printf(
                        Locale.ROOT,
                        "%s: %d cached spans at the end, %.1f MB (estimated)%n",
                        mode,
                        cache.size(),
                        cache.enabled()
                                ? meters.get("waddleperf.geo.heatmap.cache.bytes")
                                                .gauge()
                                                .value()
                                        / 1e6
                                : 0.0);
            }
            Map<HeatmapRequest, long[]> fromRaw = new LinkedHashMap<>();
            for (HeatmapRequest request : requests) {
                long[] times = new long[rawReps];
                for (int r = 0; r < rawReps; r++) {
                    long a = System.nanoTime();
                    raw(jdbc, locator, places, org, request);
                    times[r] = System.nanoTime() - a;
                }
                fromRaw.put(request, times);
            }
            System.out.println();
            System.out.println("Rollups, ms: first (cold) / p50 / p95 / bench-thread CPU p50, per mode; raw p50 / p95");
            StringBuilder head = new StringBuilder("| level | period | places |");
            StringBuilder rule = new StringBuilder("|---|---|---|");
            for (String mode : modes) {
                head.append(' ').append(mode).append(" first | ").append(mode).append(" p50 | ");
                head.append(mode).append(" p95 | ").append(mode).append(" CPU |");
                rule.append("---|---|---|---|");
            }
            System.out.println(head + " raw p50 | raw p95 |");
            System.out.println(rule + "---|---|");
            for (HeatmapRequest request : requests) {
                StringBuilder line = new StringBuilder(String.format(
                        Locale.ROOT,
                        "| %s | %d d | %d |",
                        request.level().id(),
                        Duration.between(request.from(), request.to()).toDays(),
                        placeCounts.get(request)));
                for (String mode : modes) {
                    long[] times = fromRollups.get(mode).get(request);
                    long[] rest = Arrays.copyOfRange(times, 1, times.length);
                    line.append(String.format(
                            Locale.ROOT,
                            " %.0f | %.0f | %.0f | %.0f |",
                            times[0] / 1e6,
                            pct(rest, 0.5),
                            pct(rest, 0.95),
                            pct(Arrays.copyOfRange(cpu.get(mode).get(request), 1, times.length), 0.5)));
                }
                line.append(String.format(
                        Locale.ROOT,
                        " %.0f | %.0f |",
                        rawReps == 0 ? Double.NaN : pct(fromRaw.get(request), 0.5),
                        rawReps == 0 ? Double.NaN : pct(fromRaw.get(request), 0.95)));
                System.out.println(line);
            }

            // -Dbench.ingest=false leaves the ingest measurement out (for quick A/B query runs).
            if (Boolean.parseBoolean(System.getProperty("bench.ingest", "true"))) {
                ingestCost(jdbc, tx, store, revisions, places, locator, addresses, end);
            }
        }
        System.exit(0);
    }

    record RollupKey(Level level, String place) {}

    /**
     * An organisation loaded before the quarter-day tier existed (V85) gets its quarter-day rows
     * as the upgrade's rebuild job makes them ({@link RollupStore#recompute}, one transaction per
     * quarter-day and level); timed, since that is the upgrade's cost at this size.
     */
    private static void backfillQuarterDays(
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate tx,
            RollupStore store,
            UUID org,
            Instant start,
            Instant end) {
        Long present = jdbc.queryForObject(
                "SELECT COUNT(*) FROM geo_rollups_quarter_day WHERE org_id = :org",
                Map.of("org", org.toString()),
                Long.class);
        if (present != null && present > 0) {
            return;
        }
        long t0 = System.nanoTime();
        long rows = 0;
        LocalDateTime to = LocalDateTime.ofInstant(end, ZoneOffset.UTC);
        for (LocalDateTime q = RollupStore.Tier.QUARTER_DAY.floor(LocalDateTime.ofInstant(start, ZoneOffset.UTC));
                q.isBefore(to);
                q = q.plusHours(6)) {
            for (Level level : Level.values()) {
                LocalDateTime quarter = q;
                Integer written = tx.execute(
                        status -> store.recompute(RollupStore.Tier.QUARTER_DAY, org, Metric.LATENCY, level, quarter));
                rows += written == null ? 0 : written;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "quarter-day rows backfilled from hourly rows: %,d in %.1f s%n",
                rows,
                (System.nanoTime() - t0) / 1e9);
    }

    private static void merge(Map<RollupKey, RollupStore.Aggregate> into, Map<RollupKey, RollupStore.Aggregate> from) {
        from.forEach((k, a) -> {
            RollupStore.Aggregate target = into.computeIfAbsent(k, x -> new RollupStore.Aggregate(a.place));
            target.count += a.count;
            target.min = Math.min(target.min, a.min);
            target.max = Math.max(target.max, a.max);
            target.sum += a.sum;
            target.sketch.mergeWith(a.sketch);
        });
    }

    /**
     * Raw results as multi-row INSERTs of literal values (all generated here, nothing quoted from
     * outside), about ten times the rate of a batched prepared statement on this connector.
     */
    static final class ResultLoader {
        static final int ROWS_PER_STATEMENT = 2000;
        private final javax.sql.DataSource ds;
        private final String org;
        private final StringBuilder sql = new StringBuilder();
        private int rows;
        long loaded;

        ResultLoader(javax.sql.DataSource ds, UUID org) {
            this.ds = ds;
            this.org = org.toString();
        }

        void add(Instant finished, double latency, String ip) {
            if (rows == 0) {
                sql.setLength(0);
                sql.append("INSERT INTO results (id, org_id, run_id, probe_type, target, status, verdict, breaches,"
                        + " finished_at, latency_avg_ms, client_ip, summary) VALUES ");
            } else {
                sql.append(',');
            }
            sql.append("('")
                    .append(UUID.randomUUID())
                    .append("','")
                    .append(org)
                    .append("','")
                    .append(UUID.randomUUID())
                    .append("','speedtest','bench','succeeded','ok','[]','")
                    .append(LocalDateTime.ofInstant(finished, ZoneOffset.UTC))
                    .append("',")
                    .append(latency)
                    .append(",'")
                    .append(ip)
                    .append("','{}')");
            if (++rows == ROWS_PER_STATEMENT) {
                flush();
            }
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            try (java.sql.Connection c = ds.getConnection();
                    java.sql.Statement st = c.createStatement()) {
                st.executeUpdate(sql.toString());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            loaded += rows;
            rows = 0;
        }
    }

    /**
     * What the ingest path pays: single-result transactions storing a results row, without and
     * with the rollup upserts GeoRollups does (one metric here; each further metric repeats it).
     */
    private static void ingestCost(
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate tx,
            RollupStore store,
            RollupRevisions revisions,
            Places places,
            DatabaseGeoLocator locator,
            List<String> addresses,
            Instant end) {
        int count = 3000;
        SplittableRandom random = new SplittableRandom(2);
        UUID org = UUID.randomUUID();
        // 0: the results row only; 1: with rollups (a result in time); 2: with rollups and the
        // revision raise of a late result, which these are (all before the clock's hour).
        for (int variant : new int[] {0, 1, 2, 0, 1, 2}) {
            boolean withRollups = variant > 0;
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
                        if (variant == 2) {
                            revisions.raise(org, GeoRollups.hour(stored).toLocalDate());
                        }
                    }
                });
            }
            double perResult = (System.nanoTime() - t0) / 1e6 / count;
            System.out.printf(
                    Locale.ROOT,
                    "ingest, one result per transaction, %s: %.2f ms/result (%d results)%n",
                    switch (variant) {
                        case 0 -> "results row only";
                        case 1 -> "with rollups (4 tiers x 4 levels x 1 metric)";
                        default -> "with rollups and a late result's revision raise";
                    },
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

    private static int insertRollups(
            NamedParameterJdbcTemplate jdbc,
            RollupStore.Tier tier,
            UUID org,
            LocalDateTime hour,
            Map<RollupKey, RollupStore.Aggregate> rollups) {
        List<MapSqlParameterSource> batch = new ArrayList<>();
        Iterator<Map.Entry<RollupKey, RollupStore.Aggregate>> it =
                rollups.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RollupKey, RollupStore.Aggregate> e = it.next();
            RollupStore.Aggregate a = e.getValue();
            batch.add(new MapSqlParameterSource()
                    .addValue("org", org.toString())
                    .addValue("level", e.getKey().level().id())
                    .addValue("start", tier.column(hour))
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
                        "INSERT INTO " + tier.table + " (org_id, metric, level, " + tier.period + ", side, place,"
                                + " country_code, name, latitude, longitude, sample_count, min_value, max_value,"
                                + " sum_value, sketch) VALUES (:org, 'latency', :level, :start, 'client', :place,"
                                + " :country, :name, :lat, :lon, :count, :min, :max, :sum, :sketch)",
                        batch.toArray(MapSqlParameterSource[]::new));
                batch.clear();
            }
        }
        return rollups.size();
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
