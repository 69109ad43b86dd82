package io.waddleperf.api.shared.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two schedulers with their own pools; on the Galera cluster, on two different
 * nodes) share one job that is due every 100 ms: every run happens on exactly one of them, never
 * two at once, and both take runs, also after one was stopped and started again. The API context only migrates the schema here.
 */
@ApiIntegrationTest
class ClusterSchedulerIT {

    @Test
    void eachDueRunOfAJobHappensOnOneReplicaAtATime() {
        String name = "it-" + UUID.randomUUID();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger runsOfTwo = new AtomicInteger();
        Set<String> replicas = ConcurrentHashMap.newKeySet();
        SchedulerProperties properties =
                new SchedulerProperties(Duration.ofMillis(50), 2, Duration.ofSeconds(5), 4, Duration.ofSeconds(5));
        try (HikariDataSource one = pool(1);
                HikariDataSource two = pool(2)) {
            ClusterScheduler first = new ClusterScheduler(
                    one, List.of(job(name, "one", inFlight, overlaps, runs, runsOfTwo, replicas)), properties);
            ClusterScheduler second = new ClusterScheduler(
                    two, List.of(job(name, "two", inFlight, overlaps, runs, runsOfTwo, replicas)), properties);
            first.start();
            second.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> runs.get() >= 40 && replicas.size() == 2);
                // Spring stops and starts lifecycle beans again (a paused test context, for one):
                // a restarted replica goes on taking runs.
                second.stop();
                int before = runsOfTwo.get();
                second.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> runsOfTwo.get() > before);
            } finally {
                first.stop();
                second.stop();
            }
        }

        assertThat(overlaps.get())
                .as("runs that started while another was running")
                .isZero();
        assertThat(replicas).containsExactlyInAnyOrder("one", "two");
    }

    private static ClusterJob job(
            String name,
            String replica,
            AtomicInteger inFlight,
            AtomicInteger overlaps,
            AtomicInteger runs,
            AtomicInteger runsOfTwo,
            Set<String> replicas) {
        return new ClusterJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration interval() {
                return Duration.ofMillis(100);
            }

            @Override
            public void run() {
                if (inFlight.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    replicas.add(replica);
                    runs.incrementAndGet();
                    if (replica.equals("two")) {
                        runsOfTwo.incrementAndGet();
                    }
                    // Long enough that a second taker of the same run would overlap this one.
                    long until = System.nanoTime() + Duration.ofMillis(30).toNanos();
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
    }

    /** On Galera, replica one uses node 1 and replica two node 2; else both the one server. */
    private static HikariDataSource pool(int replica) {
        HikariDataSource pool = new HikariDataSource();
        TestDatabase db = TestDatabase.get();
        pool.setJdbcUrl(
                Boolean.getBoolean(TestDatabase.GALERA)
                        ? TestDatabase.galera().node(replica).jdbcUrl("waddleperf")
                        : db.url());
        pool.setUsername(db.username());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(3);
        return pool;
    }
}
