package io.waddleperf.api.shared.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Replicas are schedulers with their own pools; on the Galera cluster replica one talks to node 1
 * and replica two to node 2, the real cluster case. The API context only migrates the schema here
 * (its own scheduler does not know the jobs these tests declare).
 */
@ApiIntegrationTest
class ClusterSchedulerIT {

    private static final SchedulerProperties FAST =
            new SchedulerProperties(Duration.ofMillis(50), 2, Duration.ofSeconds(5), 4, Duration.ofSeconds(5));

    /**
     * One job due every 100 ms on two replicas: each due execution (the due time a replica picked)
     * runs exactly once, never two runs at once, and both replicas take runs, also after one was
     * stopped and started again.
     */
    @Test
    void eachDueExecutionRunsOnceOnOneReplica() {
        String name = "it-" + UUID.randomUUID();
        Runs runs = new Runs();
        try (HikariDataSource one = pool(1, null);
                HikariDataSource two = pool(2, null)) {
            ClusterScheduler first = new ClusterScheduler(one, List.of(job(name, "one", one, runs)), FAST);
            ClusterScheduler second = new ClusterScheduler(two, List.of(job(name, "two", two, runs)), FAST);
            first.start();
            second.start();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> runs.total.get() >= 40 && runs.byReplica.size() == 2);
                // Spring stops and starts lifecycle beans again (a paused test context, for one):
                // a restarted replica goes on taking runs.
                second.stop();
                int before = runs.byReplica.get("two").get();
                second.start();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> runs.byReplica.get("two").get() > before);
            } finally {
                first.stop();
                second.stop();
                delete(one, name);
            }
        }

        assertThat(runs.errors).isEmpty();
        assertThat(runs.overlaps.get())
                .as("runs that started while another was running")
                .isZero();
        assertThat(runs.byReplica).containsOnlyKeys("one", "two");
        assertThat(runs.byDueTime)
                .as("runs per due execution")
                .allSatisfy((due, count) ->
                        assertThat(count.get()).as("runs of %s", due).isOne());
        assertThat(runs.byDueTime).hasSize(runs.total.get());
    }

    /**
     * Due times are UTC in the table, whatever time zone the session has: replicas whose database
     * sessions differ (or a zone with daylight saving) agree on when a job is due.
     */
    @Test
    void storesDueTimesInUtcWhateverTheSessionTimeZone() throws SQLException {
        String name = "it-" + UUID.randomUUID();
        AtomicInteger ran = new AtomicInteger();
        Duration interval = Duration.ofHours(1);
        try (HikariDataSource offset = pool(1, "SET time_zone = '+05:00'");
                HikariDataSource plain = pool(1, null)) {
            ClusterScheduler scheduler =
                    new ClusterScheduler(offset, List.of(job(name, interval, ran::incrementAndGet)), FAST);
            Instant started = Instant.now();
            scheduler.start();
            Instant ended;
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> ran.get() == 1);
                // The next due time is written when the run completes, just after the count.
                await().atMost(Duration.ofSeconds(30)).until(() -> !picked(plain, name));
                ended = Instant.now();
            } finally {
                scheduler.stop();
            }

            LocalDateTime due = dueTime(plain, name);
            delete(plain, name);
            assertThat(due)
                    .isBetween(
                            LocalDateTime.ofInstant(started.plus(interval), ZoneOffset.UTC),
                            LocalDateTime.ofInstant(ended.plus(interval), ZoneOffset.UTC));
        }
    }

    /** What the replicas saw, shared by both. */
    private static final class Runs {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger total = new AtomicInteger();
        final Map<String, AtomicInteger> byReplica = new ConcurrentHashMap<>();
        final Map<LocalDateTime, AtomicInteger> byDueTime = new ConcurrentHashMap<>();
        final Set<String> errors = ConcurrentHashMap.newKeySet();
    }

    private static ClusterJob job(String name, String replica, DataSource pool, Runs runs) {
        return job(name, Duration.ofMillis(100), () -> {
            if (runs.inFlight.incrementAndGet() > 1) {
                runs.overlaps.incrementAndGet();
            }
            try {
                // The row this replica picked still holds the due time it picked: two runs of
                // one due execution would count the same time twice.
                runs.byDueTime
                        .computeIfAbsent(dueTime(pool, name), due -> new AtomicInteger())
                        .incrementAndGet();
                runs.byReplica
                        .computeIfAbsent(replica, r -> new AtomicInteger())
                        .incrementAndGet();
                runs.total.incrementAndGet();
                // Long enough that a second taker of the same run would overlap this one.
                long until = System.nanoTime() + Duration.ofMillis(30).toNanos();
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } catch (SQLException | RuntimeException e) {
                runs.errors.add(e.toString());
            } finally {
                runs.inFlight.decrementAndGet();
            }
        });
    }

    private static ClusterJob job(String name, Duration interval, Runnable body) {
        return new ClusterJob() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public void run() {
                body.run();
            }
        };
    }

    private static LocalDateTime dueTime(DataSource pool, String name) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT execution_time FROM scheduled_tasks WHERE task_name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no row for " + name);
                }
                return row.getObject(1, LocalDateTime.class);
            }
        }
    }

    private static boolean picked(DataSource pool, String name) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT picked FROM scheduled_tasks WHERE task_name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Other tests' schedulers would otherwise meet a job they do not know. */
    private static void delete(DataSource pool, String name) {
        try (Connection connection = pool.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM scheduled_tasks WHERE task_name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** On Galera, straight to node {@code replica}; else the one server. */
    private static HikariDataSource pool(int replica, @Nullable String sessionSql) {
        HikariDataSource pool = new HikariDataSource();
        TestDatabase db = TestDatabase.get();
        pool.setJdbcUrl(
                Boolean.getBoolean(TestDatabase.GALERA)
                        ? TestDatabase.galera().node(replica).jdbcUrl("waddleperf")
                        : db.url());
        pool.setUsername(db.username());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(3);
        pool.setConnectionInitSql(sessionSql);
        return pool;
    }
}
