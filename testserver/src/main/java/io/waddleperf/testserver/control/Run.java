package io.waddleperf.testserver.control;

import io.waddleperf.protocol.ProbeType;
import io.waddleperf.testserver.probes.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One probe run and its event log. Lines are appended by the worker and the per-second ticker and
 * read by any number of NDJSON streams; each reader keeps its own position, so a late subscriber
 * still sees the run from its first line.
 */
final class Run {

    enum State {
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final ProbeType type;
    private final String target;
    private final Probe probe;
    private final long startedNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<String> lines = new ArrayList<>();
    private State state = State.RUNNING;
    private @Nullable Instant finishedAt;
    private volatile boolean cancelRequested;
    private volatile @Nullable Thread worker;
    private volatile @Nullable ScheduledFuture<?> ticker;

    Run(String id, ProbeType type, String target, Probe probe) {
        this.id = id;
        this.type = type;
        this.target = target;
        this.probe = probe;
    }

    String id() {
        return id;
    }

    ProbeType type() {
        return type;
    }

    String target() {
        return target;
    }

    Probe probe() {
        return probe;
    }

    Instant startedAt() {
        return startedAt;
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    void attach(Thread worker, ScheduledFuture<?> ticker) {
        this.worker = worker;
        this.ticker = ticker;
    }

    void append(String line) {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                lines.add(line);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Appends the final line and ends the run; later appends (a late tick) are ignored. */
    void finish(State outcome, String line) {
        ScheduledFuture<?> tick = ticker;
        if (tick != null) {
            tick.cancel(false);
        }
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            lines.add(line);
            state = outcome;
            finishedAt = Instant.now();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the worker to stop; a probe blocked in socket I/O on a virtual thread wakes at once. */
    void cancel() {
        cancelRequested = true;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    boolean finishedBefore(Instant cutoff) {
        lock.lock();
        try {
            return finishedAt != null && finishedAt.isBefore(cutoff);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lines from index {@code from} on, waiting up to {@code wait} for at least one while the run
     * is still going. An empty list with {@link #state()} not RUNNING means the log is complete.
     */
    List<String> linesFrom(int from, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long remaining = wait.toNanos();
            while (lines.size() <= from && state == State.RUNNING && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return from < lines.size() ? List.copyOf(lines.subList(from, lines.size())) : List.of();
        } finally {
            lock.unlock();
        }
    }

    static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
