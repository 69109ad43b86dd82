package io.waddleperf.testserver.iperf;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers for the data streams, kept across tests.
 *
 * <p>Allocating a direct buffer zeroes it and its memory only returns when the GC runs the
 * cleaner, so a node running test after test with 128 streams would otherwise hold on to far more
 * native memory than it uses. Capacities are rounded up to a power of two so a handful of size
 * classes serve every block length; the pool keeps at most {@code maxRetainedBytes}.
 */
public final class BufferPool {

    private static final int MIN_CAPACITY = 64 * 1024;

    private final Map<Integer, ConcurrentLinkedDeque<ByteBuffer>> free = new ConcurrentHashMap<>();
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final long maxRetainedBytes;

    public BufferPool(long maxRetainedBytes) {
        this.maxRetainedBytes = maxRetainedBytes;
    }

    /** A cleared buffer of at least {@code minCapacity} bytes; hand it back with {@link #release}. */
    ByteBuffer acquire(int minCapacity) {
        int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, minCapacity - 1)) << 1);
        outstanding.incrementAndGet();
        ByteBuffer buffer = free.computeIfAbsent(capacity, c -> new ConcurrentLinkedDeque<>())
                .pollFirst();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(capacity);
        }
        retainedBytes.addAndGet(-capacity);
        return buffer.clear();
    }

    void release(ByteBuffer buffer) {
        outstanding.decrementAndGet();
        int capacity = buffer.capacity();
        if (retainedBytes.addAndGet(capacity) > maxRetainedBytes) {
            retainedBytes.addAndGet(-capacity);
            return;
        }
        free.computeIfAbsent(capacity, c -> new ConcurrentLinkedDeque<>()).offerFirst(buffer);
    }

    /** Buffers handed out and not yet returned; zero whenever no test is running. */
    public int outstanding() {
        return outstanding.get();
    }
}
