package io.waddleperf.api.shared.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link ClusterJob}s with db-scheduler on the application's database. Every replica
 * polls {@code scheduled_tasks}; a replica takes a due run with an optimistic UPDATE (the default
 * fetch-and-lock-on-execute strategy, cluster-safe on Galera, where a lost race is a failed
 * certification), so each run happens once. Not lock-and-fetch: {@code SKIP LOCKED} only locks
 * one Galera node. Started after the context (Flyway has created the table), stopped first.
 */
class ClusterScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterScheduler.class);

    private final DataSource dataSource;
    private final List<RecurringTask<Void>> tasks;
    private final List<String> names;
    private final SchedulerProperties properties;
    private volatile @Nullable Scheduler scheduler;

    ClusterScheduler(DataSource dataSource, List<ClusterJob> jobs, SchedulerProperties properties) {
        Set<String> unique = new HashSet<>();
        this.tasks = jobs.stream()
                .map(job -> {
                    if (!unique.add(job.name())) {
                        throw new IllegalStateException("Two cluster jobs are named " + job.name());
                    }
                    return Tasks.recurring(job.name(), FixedDelay.of(job.interval()))
                            .execute((instance, context) -> job.run());
                })
                .toList();
        this.dataSource = dataSource;
        this.names = jobs.stream().map(ClusterJob::name).toList();
        this.properties = properties;
    }

    /**
     * A new db-scheduler each time: a stopped one cannot start again, and Spring stops and starts
     * lifecycle beans again, e.g. when the test framework pauses and resumes a cached context.
     */
    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        Scheduler started = Scheduler.create(dataSource)
                .startTasks(tasks)
                .pollingInterval(properties.pollingInterval())
                .threads(properties.threads())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .shutdownMaxWait(properties.shutdownWait())
                // UTC into DATETIME(6) columns (V34), whatever the JVM's or the session's zone.
                .alwaysPersistTimestampInUTC()
                .build();
        started.start();
        scheduler = started;
        log.info("Cluster jobs scheduled: {}", names);
    }

    @Override
    public synchronized void stop() {
        Scheduler running = scheduler;
        scheduler = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
