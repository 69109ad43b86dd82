package io.waddleperf.api.shared.scheduling;

import java.time.Duration;

/**
 * A periodic job that must run on one replica at a time, not on each: declare it as a bean and
 * the cluster scheduler runs it every {@link #interval()} (measured from the end of the previous
 * run) on whichever replica takes it first. The due time lives in the database, so it survives
 * restarts, and a replica that dies mid-run has its run taken over after missed heartbeats.
 *
 * <p>{@link #run()} must be idempotent (a run taken over from a dead replica starts again) and
 * starts with no tenant bound, like any background thread: it takes platform or per-organisation
 * scope itself ({@code TenantContext}) where it reads tenant-owned rows.
 */
public interface ClusterJob {

    /** Unique and stable: the job's row in {@code scheduled_tasks}. */
    String name();

    Duration interval();

    void run();
}
