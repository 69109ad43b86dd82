package io.waddleperf.api.runs.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Wakes this replica's event-stream subscribers as soon as a run event is committed here. Events
 * committed by another replica are found by the subscribers' polling instead, so a missed signal
 * costs at most one poll interval, never an event.
 */
@Component
public class RunSignals {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the next signal or {@code max}, whichever comes first. */
    public void await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            changed.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }
}
