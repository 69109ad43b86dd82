package io.waddleperf.api.shared.scheduling;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link ReplicaJob}s, each on a thread of its own so that a long run (an upload to a
 * slow store) delays no other job. Started after the context, like the cluster scheduler, and
 * stopped first: a stopping replica lets a running job finish for {@code shutdownWait}, then
 * interrupts it.
 */
class ReplicaScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplicaScheduler.class);

    private final List<ReplicaJob> jobs;
    private final Duration shutdownWait;
    private volatile @Nullable ScheduledExecutorService executor;

    ReplicaScheduler(List<ReplicaJob> jobs, SchedulerProperties properties) {
        Set<String> unique = new HashSet<>();
        for (ReplicaJob job : jobs) {
            if (!unique.add(job.name())) {
                throw new IllegalStateException("Two replica jobs are named " + job.name());
            }
        }
        this.jobs = List.copyOf(jobs);
        this.shutdownWait = properties.shutdownWait();
    }

    /** A new executor each time: Spring may stop and start a cached test context again. */
    @Override
    public synchronized void start() {
        if (executor != null || jobs.isEmpty()) {
            return;
        }
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(
                jobs.size(),
                Thread.ofPlatform().name("replica-job-", 0).daemon().factory());
        for (ReplicaJob job : jobs) {
            long delay = job.interval().toMillis();
            // scheduleWithFixedDelay stops a job for good once a run throws: each run is guarded.
            started.scheduleWithFixedDelay(() -> runOnce(job), delay, delay, TimeUnit.MILLISECONDS);
        }
        executor = started;
        log.info(
                "Replica jobs scheduled: {}",
                jobs.stream().map(ReplicaJob::name).toList());
    }

    private static void runOnce(ReplicaJob job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("Replica job {} failed; it runs again in {}", job.name(), job.interval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
