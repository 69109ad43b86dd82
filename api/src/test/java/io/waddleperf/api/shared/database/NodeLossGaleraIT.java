package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.GaleraCluster.Node;
import io.waddleperf.api.support.TestDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node that takes every write (the first of the failover URL) dies by SIGKILL in the middle of
 * a steady write load. Writes go on through the next node, nothing acknowledged is lost, and the
 * dead node, started again, catches up with the others.
 */
class NodeLossGaleraIT {

    static final int WRITERS = 2;
    static final int BEFORE_KILL = 200;
    static final int AFTER_KILL = 200;
    // Bounds the load even if the assertions below would never be met.
    static final int MAX_WRITES = 20_000;

    @Test
    void keepsEveryAcknowledgedWriteThroughTheLossOfANode() throws Exception {
        GaleraCluster cluster = TestDatabase.galera();
        cluster.awaitSynced();
        cluster.createDatabase("galera_it");
        cluster.node(1).execute(Writes.TABLE);
        Node victim = cluster.node(1);
        List<Node> survivors = List.of(cluster.node(2), cluster.node(3));

        Load load;
        long victimPid;
        long killedAt;
        try (ConfigurableApplicationContext app = DataLayer.start(cluster.failoverUrl("galera_it"));
                ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            load = new Load(app.getBean(Writes.class));
            List<Future<?>> writers = load.start(pool);

            await("acknowledged writes before the kill")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> load.acknowledged.size() >= BEFORE_KILL);
            assertThat(load.byNode).containsOnlyKeys("node1");
            victimPid = victim.pid();
            killedAt = System.nanoTime();
            cluster.kill(victim);
            assertThat(ProcessHandle.of(victimPid)).isEmpty();

            await("writes acknowledged by the surviving nodes")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> load.acknowledgedElsewhere() >= AFTER_KILL);
            load.stop(writers);
        }
        long failoverMillis = (load.firstAckElsewhereAt.get() - killedAt) / 1_000_000;

        cluster.awaitSynced();
        for (Node node : survivors) {
            assertThat(ids(node)).as("rows on %s", node).containsAll(load.acknowledged);
        }
        assertThat(ids(survivors.get(0))).isEqualTo(ids(survivors.get(1)));

        Duration rejoin = cluster.restart(victim);
        Set<String> expected = ids(survivors.get(0));
        assertThat(ids(victim)).as("rows on the restarted %s", victim).isEqualTo(expected);

        System.out.printf(
                "[galera] killed node1 (pid %d) under load: %d writes acknowledged (%s), %d failed unacknowledged"
                        + " (last: %s), %d rows on every node, first write via another node %d ms after the kill;"
                        + " node1 rejoined by %s in %d ms%n",
                victimPid,
                load.acknowledged.size(),
                load.byNode,
                load.failed.get(),
                Objects.toString(load.lastFailure.get(), "none"),
                expected.size(),
                failoverMillis,
                victim.lastStateTransfer(),
                rejoin.toMillis());
    }

    @AfterEach
    void restoreTheCluster() {
        // The later Galera tests in this JVM expect all three nodes, even if this one failed midway.
        GaleraCluster cluster = TestDatabase.galera();
        if (!cluster.node(1).isRunning()) {
            cluster.restart(cluster.node(1));
        }
    }

    private static Set<String> ids(Node node) throws Exception {
        return new HashSet<>(node.query("SELECT id FROM galera_it.writes"));
    }

    /** Writers that insert as fast as the cluster lets them and remember what was acknowledged. */
    static final class Load {

        final Writes writes;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> byNode = new ConcurrentHashMap<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger attempted = new AtomicInteger();
        final AtomicLong firstAckElsewhereAt = new AtomicLong();
        final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        final AtomicBoolean running = new AtomicBoolean(true);

        Load(Writes writes) {
            this.writes = writes;
        }

        List<Future<?>> start(ExecutorService pool) {
            return IntStream.range(0, WRITERS)
                    .<Future<?>>mapToObj(i -> pool.submit(this::write))
                    .toList();
        }

        private void write() {
            while (running.get() && attempted.incrementAndGet() <= MAX_WRITES) {
                UUID id = Ids.newId();
                try {
                    String node = writes.record(id);
                    acknowledged.add(id.toString());
                    byNode.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
                    if (!node.equals("node1")) {
                        firstAckElsewhereAt.compareAndSet(0, System.nanoTime());
                    }
                } catch (RuntimeException e) {
                    // Not acknowledged: the row may or may not exist, and either is correct.
                    failed.incrementAndGet();
                    lastFailure.set(e);
                }
            }
        }

        long acknowledgedElsewhere() {
            return byNode.entrySet().stream()
                    .filter(e -> !e.getKey().equals("node1"))
                    .mapToLong(e -> e.getValue().get())
                    .sum();
        }

        void stop(List<Future<?>> writers) throws Exception {
            running.set(false);
            for (Future<?> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }
        }
    }
}
