package io.waddleperf.testserver.sessions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded queue of finished sessions waiting for the API. Offering never blocks and never fails:
 * when the queue is full the oldest entry goes and is counted, so a long API outage costs the
 * oldest history, never the iperf3 data path. A batch that could not be sent goes back to the
 * front in its order, again dropping the oldest if newer sessions filled the room meanwhile.
 */
final class SessionQueue<T> {

    private final int capacity;
    private final ArrayDeque<T> entries = new ArrayDeque<>();
    private long dropped;

    SessionQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    synchronized void offer(T entry) {
        if (entries.size() >= capacity) {
            entries.pollFirst();
            dropped++;
        }
        entries.addLast(entry);
    }

    /** Takes up to {@code max} of the oldest entries. */
    synchronized List<T> take(int max) {
        List<T> batch = new ArrayList<>(Math.min(max, entries.size()));
        while (batch.size() < max && !entries.isEmpty()) {
            batch.add(entries.pollFirst());
        }
        return batch;
    }

    /** Puts a batch that was not delivered back in front of everything newer. */
    synchronized void putBack(List<T> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            entries.addFirst(batch.get(i));
        }
        while (entries.size() > capacity) {
            entries.pollFirst();
            dropped++;
        }
    }

    /** Counts entries given up for another reason (the API refused them for good). */
    synchronized void discarded(int count) {
        dropped += count;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Entries dropped since start, a running total. */
    synchronized long dropped() {
        return dropped;
    }
}
