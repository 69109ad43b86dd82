package io.waddleperf.api.shared.scheduling;

import java.time.Duration;

/**
 * A periodic job that every replica runs for itself, over what only it has (its own disk, its own
 * connections): declare it as a bean and the replica scheduler runs it every {@link #interval()},
 * measured from the end of the previous run, from when the application is ready until it stops.
 * Work shared by the cluster belongs in a {@link ClusterJob} instead, which one replica at a time
 * runs.
 *
 * <p>{@link #run()} starts with no tenant bound, like any background thread. An exception it
 * throws is logged and the next run comes as usual.
 */
public interface ReplicaJob {

    /** Unique on the replica: names its thread and its log lines. */
    String name();

    Duration interval();

    void run();
}
