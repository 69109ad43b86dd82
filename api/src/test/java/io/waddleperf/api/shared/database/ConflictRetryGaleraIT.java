package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.GaleraCluster.Node;
import io.waddleperf.api.support.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two applications on two different nodes increment one row as fast as they can: every lost
 * certification race, brute-force abort and stale version must be retried, and no increment
 * may be lost or doubled.
 */
class ConflictRetryGaleraIT {

    static final int INCREMENTS = 200;

    @Test
    void writersOnTwoNodesNeverLoseAnIncrement() throws Exception {
        GaleraCluster cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("galera_it");
        UUID id = Ids.newId();
        cluster.node(1).execute(Counters.TABLE);
        cluster.node(1).execute("INSERT INTO galera_it.counters VALUES ('" + id + "', 0, 0)");
        // A causal read: node 2 has applied the new row before its writer looks for it.
        assertThat(cluster.node(2).query("SELECT value FROM galera_it.counters WHERE id = '" + id + "'"))
                .containsExactly("0");

        // Two writers that never pause are far harsher than real traffic: the loser of a race
        // backs off while the winner keeps committing, so they get a larger budget than the
        // production default to outlast each other.
        String[] budget = {
            "waddleperf.database.conflict-retry.max-attempts=30",
            "waddleperf.database.conflict-retry.delay=5ms",
            "waddleperf.database.conflict-retry.jitter=5ms",
            "waddleperf.database.conflict-retry.max-delay=100ms"
        };
        List<Node> writerNodes = List.of(cluster.node(1), cluster.node(2));
        try (ConfigurableApplicationContext first =
                        DataLayer.start(writerNodes.get(0).jdbcUrl("galera_it"), budget);
                ConfigurableApplicationContext second =
                        DataLayer.start(writerNodes.get(1).jdbcUrl("galera_it"), budget);
                ExecutorService writers = Executors.newFixedThreadPool(2)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = List.of(first, second).stream()
                    .<Future<?>>map(app -> writers.submit(() -> {
                        Counters counters = app.getBean(Counters.class);
                        go.await();
                        for (int i = 0; i < INCREMENTS; i++) {
                            counters.increment(id);
                        }
                        return null;
                    }))
                    .toList();
            long started = System.nanoTime();
            go.countDown();
            for (Future<?> writer : done) {
                writer.get(3, TimeUnit.MINUTES);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;

            for (Node node : cluster.nodes()) {
                // One version-checked update per increment, none lost, none doubled.
                assertThat(node.query(
                                "SELECT CONCAT(value, '/', version) FROM galera_it.counters WHERE id = '" + id + "'"))
                        .as("value/version on %s", node)
                        .containsExactly(2 * INCREMENTS + "/" + 2 * INCREMENTS);
            }
            Map<String, Double> retries = new TreeMap<>();
            double exhausted = 0;
            for (int i = 0; i < 2; i++) {
                MeterRegistry meters = List.of(first, second).get(i).getBean(MeterRegistry.class);
                for (Counter counter : meters.find(ConflictRetryAspect.RETRIES).counters()) {
                    retries.merge(
                            writerNodes.get(i) + " " + counter.getId().getTag("conflict"),
                            counter.count(),
                            Double::sum);
                }
                exhausted += meters.find(ConflictRetryAspect.EXHAUSTED).counters().stream()
                        .mapToDouble(Counter::count)
                        .sum();
            }
            System.out.printf(
                    "[galera] %d increments from 2 nodes in %d ms, value and version %d on all 3 nodes; retries: %s%n",
                    2 * INCREMENTS, millis, 2 * INCREMENTS, retries);
            assertThat(exhausted).isZero();
        }
    }
}
