package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writers on all three Galera nodes add results of one organisation, place and hour at once:
 * every tier's row of every level is the hottest row there is. Conflicting commits on different
 * nodes fail certification and the result's transaction is retried whole, as on ingest; in the
 * end every row counts each result exactly once, on every node.
 */
class RollupUpsertGaleraIT {

    static final int WRITERS_PER_NODE = 2;
    static final int RESULTS_PER_WRITER = 30;

    static final List<Place> ZURICH = List.of(
            new Place(Level.COUNTRY, "CH", "CH", "Switzerland", null, null),
            new Place(Level.CITY, "CH|ZH|Zürich", "CH", "Zürich, CH", 47.37, 8.54),
            new Place(Level.CELL3, "831f8dfffffffff", "CH", "831f8dfffffffff", 47.3, 8.5),
            new Place(Level.CELL5, "851f8d83fffffff", "CH", "851f8d83fffffff", 47.37, 8.54));

    /** What ingest does with one result: its rollups in the result's transaction, retried whole. */
    static class ResultWriter {
        private final RollupStore store;

        ResultWriter(RollupStore store) {
            this.store = store;
        }

        @RetryOnConflict
        @Transactional
        public void store(UUID orgId, LocalDateTime hour, double latency) {
            List<RollupStore.Sample> samples = new ArrayList<>();
            for (Place place : ZURICH) {
                samples.add(new RollupStore.Sample(Metric.LATENCY, Side.CLIENT, place, latency));
            }
            store.add(orgId, hour, samples);
        }
    }

    /** The retry configuration is the shared module's own, package-private: imported by name. */
    static class ConflictRetry implements ImportSelector {
        @Override
        public String[] selectImports(AnnotationMetadata metadata) {
            return new String[] {"io.waddleperf.api.shared.database.ConflictRetryConfiguration"};
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ConflictRetry.class, RollupStore.class, ResultWriter.class})
    static class Writer {}

    @Test
    void concurrentResultsOnEveryNodeAreCountedExactlyOnceInEveryTier() throws Exception {
        GaleraCluster cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("geo_galera_it");
        try (Connection c = cluster.node(1).connect("geo_galera_it");
                Statement st = c.createStatement()) {
            for (String migration : List.of(
                    "V50__geo_create_rollups.sql",
                    "V52__geo_create_daily_rollups.sql",
                    "V53__geo_create_weekly_rollups.sql",
                    "V85__geo_create_quarter_day_rollups.sql")) {
                st.execute(migration(migration));
            }
        }
        UUID org = UUID.randomUUID();
        LocalDateTime hour = LocalDateTime.of(2026, 3, 4, 10, 0);
        String[] budget = {
            "waddleperf.database.conflict-retry.max-attempts=40",
            "waddleperf.database.conflict-retry.delay=5ms",
            "waddleperf.database.conflict-retry.jitter=10ms",
            "waddleperf.database.conflict-retry.max-delay=200ms"
        };
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(3 * WRITERS_PER_NODE)) {
            for (GaleraCluster.Node node : cluster.nodes()) {
                apps.add(start(node.jdbcUrl("geo_galera_it"), budget));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (ConfigurableApplicationContext app : apps) {
                ResultWriter writer = app.getBean(ResultWriter.class);
                for (int w = 0; w < WRITERS_PER_NODE; w++) {
                    done.add(writers.submit(() -> {
                        go.await();
                        for (int i = 0; i < RESULTS_PER_WRITER; i++) {
                            writer.store(org, hour, 10 + i);
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> writer : done) {
                writer.get(5, TimeUnit.MINUTES);
            }

            int results = 3 * WRITERS_PER_NODE * RESULTS_PER_WRITER;
            cluster.awaitSynced();
            for (GaleraCluster.Node node : cluster.nodes()) {
                for (String table :
                        List.of("geo_rollups", "geo_rollups_quarter_day", "geo_rollups_daily", "geo_rollups_weekly")) {
                    assertThat(node.query("SELECT CONCAT(level, ' ', sample_count) FROM geo_galera_it." + table
                                    + " WHERE org_id = '" + org + "' ORDER BY level"))
                            .as("%s on %s", table, node)
                            .containsExactly(
                                    "cell3 " + results, "cell5 " + results, "city " + results, "country " + results);
                }
            }
            // The sketches agree with the counts: no lost or doubled merge either.
            try (Connection c = cluster.node(3).connect("geo_galera_it");
                    Statement st = c.createStatement();
                    var rs = st.executeQuery("SELECT sketch FROM geo_rollups_weekly WHERE org_id = '" + org + "'")) {
                while (rs.next()) {
                    assertThat(Sketches.decode(rs.getBytes(1)).getCount()).isEqualTo(results);
                }
            }
            double exhausted = 0;
            double retries = 0;
            for (ConfigurableApplicationContext app : apps) {
                MeterRegistry meters = app.getBean(MeterRegistry.class);
                exhausted += meters.find("waddleperf.db.conflict.exhausted").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum();
                retries += meters.find("waddleperf.db.conflict.retries").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum();
            }
            System.out.printf("[galera] %d results from 3 nodes, %.0f retries%n", results, retries);
            assertThat(exhausted).isZero();
        } finally {
            apps.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = RollupUpsertGaleraIT.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ConfigurableApplicationContext start(String url, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + url,
                "spring.datasource.username=root",
                "spring.datasource.password=",
                "spring.datasource.hikari.maximum-pool-size=" + WRITERS_PER_NODE,
                "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=none"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(Writer.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .properties(all.toArray(String[]::new))
                .run();
    }
}
