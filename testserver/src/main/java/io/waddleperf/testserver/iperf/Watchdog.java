package io.waddleperf.testserver.iperf;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes connections that miss a deadline, so every blocking read and write stays bounded.
 *
 * <p>The I/O threads block in plain channel calls; closing the channel from here is what wakes
 * them (with {@code AsynchronousCloseException}). That keeps timeouts out of the hot loops: a
 * data stream pays nothing per read, because the sweep compares its byte counter with the one it
 * saw last time instead of asking the stream to stamp the clock.
 */
public final class Watchdog implements AutoCloseable {

    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    public Watchdog(ScheduledExecutorService timer, long periodMillis) {
        this.sweeper = timer.scheduleWithFixedDelay(this::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    public Guard watch(Closeable target) {
        Guard guard = new Guard(target);
        guards.add(guard);
        return guard;
    }

    public int watched() {
        return guards.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Guard guard : guards) {
            guard.check(now);
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
    }

    /** One watched connection. Re-arm it per phase; close it when the connection is done. */
    public final class Guard implements AutoCloseable {

        private final Closeable target;
        private volatile boolean armed;
        private volatile long deadline;
        private volatile String phase = "idle";
        private volatile boolean fired;
        private volatile LongSupplier progress;
        private volatile long idleNanos;
        private long lastProgress;

        private Guard(Closeable target) {
            this.target = target;
        }

        /** Close the target unless the phase ends within {@code nanos}. */
        public void expireIn(long nanos, String phase) {
            expireAt(System.nanoTime() + nanos, phase);
        }

        public void expireAt(long deadlineNanos, String phase) {
            this.progress = null;
            this.phase = phase;
            this.deadline = deadlineNanos;
            this.armed = true;
        }

        /** Close the target once {@code progress} has not changed for {@code nanos}. */
        void expireWhenIdle(long nanos, LongSupplier progress, String phase) {
            this.phase = phase;
            this.idleNanos = nanos;
            this.lastProgress = progress.getAsLong();
            this.deadline = System.nanoTime() + nanos;
            this.progress = progress;
            this.armed = true;
        }

        /** Whether this guard closed the target, as opposed to the peer or the owner. */
        public boolean fired() {
            return fired;
        }

        public String phase() {
            return phase;
        }

        private void check(long now) {
            if (!armed) {
                return;
            }
            LongSupplier source = progress;
            if (source != null) {
                long current = source.getAsLong();
                if (current != lastProgress) {
                    lastProgress = current;
                    deadline = now + idleNanos;
                    return;
                }
            }
            if (now - deadline >= 0) {
                fired = true;
                guards.remove(this);
                try {
                    target.close();
                } catch (IOException e) {
                    // Closing is all we wanted; the owner's blocked call fails either way.
                }
            }
        }

        @Override
        public void close() {
            armed = false;
            guards.remove(this);
        }
    }
}
