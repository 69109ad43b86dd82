package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One iperf3 data stream: a blocking channel driven by its own platform thread.
 *
 * <p>A thread per stream rather than a selector: a stream that moves tens of Gbit/s spends its
 * life in read or write calls that nearly always find data or room, so readiness polling would
 * only add system calls. Platform rather than virtual threads: they measured the same throughput
 * (docs/benchmarks.md), but only a platform thread has a CPU clock of its own, which is what
 * the {@code cpu_util} figures iperf3 exchanges are made of.
 *
 * <p>Counters are written only by the stream's thread and published through volatile fields,
 * read by the interval sampler and the watchdog; the control thread reads the rest after {@link
 * #join}.
 */
public abstract sealed class DataStream permits TcpStream, UdpStream {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final StreamOwner test;
    final int id;
    final boolean sender;
    private Watchdog.Guard guard;
    private Thread thread;

    volatile long bytes;
    /** UDP: datagrams sent, or the highest sequence number received. */
    volatile long packets;

    volatile long lostPackets;
    volatile long outOfOrder;
    volatile double jitter;
    /** {@code nanoTime()} of the last datagram or read that returned data. */
    volatile long lastDataNanos;
    /** Bumped while a paced sender waits on purpose, so the watchdog does not take it for stuck. */
    volatile long heartbeats;

    volatile boolean stopRequested;
    private volatile boolean closing;

    // Counters as they stood when the -O warm-up ended; read by the control thread after join.
    boolean omitPassed;
    long omittedBytes;
    long omittedLost;
    long omittedOutOfOrder;

    long stoppedNanos;
    long cpuNanos;
    long userNanos;

    DataStream(StreamOwner test, int id, boolean sender) {
        this.test = test;
        this.id = id;
        this.sender = sender;
    }

    public final int id() {
        return id;
    }

    /** Whether this end sends on the stream. */
    public final boolean sender() {
        return sender;
    }

    /** Bytes sent or received so far. */
    public final long bytes() {
        return bytes;
    }

    /** UDP: datagrams sent, or the highest sequence number received; 0 for TCP. */
    public final long packets() {
        return packets;
    }

    /** UDP receive jitter (RFC 1889), seconds. */
    public final double jitter() {
        return jitter;
    }

    /** Asks a sender to stop after the block it is writing. */
    public final void requestStop() {
        stopRequested = true;
    }

    final void start() {
        omitPassed = test.parameters().omitSeconds() == 0;
        // Through the stream's own close, which knows how to stop its thread (see TcpStream).
        guard = test.watchdog().watch(this::closeChannelQuietly);
        thread = Thread.ofPlatform()
                .daemon()
                .name("iperf-" + test.id() + "-stream-" + id)
                .start(this::run);
    }

    private void run() {
        guard.expireWhenIdle(test.idleNanos(), () -> bytes + heartbeats, sender ? "sending data" : "receiving data");
        try {
            transfer();
            test.streamEnded();
        } catch (ClosedChannelException e) {
            if (!closing) {
                test.streamFailed(
                        this,
                        guard.fired()
                                ? "no progress " + guard.phase() + " for " + test.idleNanos() / 1_000_000 + " ms"
                                : "closed");
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                test.streamFailed(this, e.toString());
            }
        } finally {
            stoppedNanos = System.nanoTime();
            guard.close();
            if (THREADS.isCurrentThreadCpuTimeSupported()) {
                cpuNanos = THREADS.getCurrentThreadCpuTime();
                userNanos = THREADS.getCurrentThreadUserTime();
            }
        }
    }

    abstract void transfer() throws IOException;

    /**
     * Closes the channel so that a thread blocked on it wakes up and fails; safe to call from any
     * thread, more than once.
     */
    abstract void closeChannelQuietly();

    /** Closes the channel as part of ending the test, which the stream must not report as a failure. */
    public final void close() {
        closing = true;
        closeChannelQuietly();
    }

    public final boolean running() {
        return thread != null && thread.isAlive();
    }

    /** Waits up to {@code nanos} for the thread to end; true if it has. */
    public final boolean join(long nanos) throws InterruptedException {
        if (thread == null) {
            return true;
        }
        return thread.join(Duration.ofNanos(Math.max(1, nanos)));
    }

    /** Records the counters at the end of the -O warm-up, once, from the stream's own thread. */
    final void passOmit(long bytesBefore, long lost, long outOfOrderSoFar) {
        omitPassed = true;
        omittedBytes = bytesBefore;
        omittedLost = lost;
        omittedOutOfOrder = outOfOrderSoFar;
    }

    /**
     * iperf3's pacing: a stream may send while its average rate since the start is below the
     * target, and otherwise re-checks every {@code pacing_timer} microseconds.
     *
     * @return false if the test asked the stream to stop while it waited
     */
    final boolean awaitGreenLight(long sentBytes, long startNanos) {
        TestParameters parameters = test.parameters();
        long rate = parameters.bandwidth();
        if (rate == 0) {
            return !stopRequested;
        }
        long pause = TimeUnit.MICROSECONDS.toNanos(parameters.pacingTimerMicros());
        while (!stopRequested) {
            double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
            if (sentBytes * 8.0 < rate * elapsedSeconds) {
                return true;
            }
            heartbeats++;
            LockSupport.parkNanos(pause);
        }
        return false;
    }

    /** iperf3 sends random bytes so compression on the path cannot flatter the result. */
    static void fillRandom(ByteBuffer buffer) {
        SplittableRandom random = new SplittableRandom();
        buffer.clear();
        while (buffer.remaining() >= Long.BYTES) {
            buffer.putLong(random.nextLong());
        }
        while (buffer.hasRemaining()) {
            buffer.put((byte) random.nextInt());
        }
        buffer.clear();
    }
}
