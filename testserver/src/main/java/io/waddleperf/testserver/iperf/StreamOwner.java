package io.waddleperf.testserver.iperf;

/**
 * What a {@link DataStream} needs from the test it belongs to. The server's {@code ServerSession} and
 * the client's {@code ClientSession} both run the same stream code through it, so the two ends
 * count bytes, packets, loss and jitter the same way.
 */
public interface StreamOwner {

    /** Names the stream threads. */
    String id();

    TestParameters parameters();

    BufferPool buffers();

    Watchdog watchdog();

    /** How long a stream may go without progress before the watchdog closes it. */
    long idleNanos();

    /** {@code nanoTime()} at which the {@code -O} warm-up ends. */
    long omitEndNanos();

    /** Reserves one block for a sender under {@code -n}/{@code -k}; false once the budget is spent. */
    boolean takeBlock(int size);

    /** A stream finished on its own: end of stream from the peer, or a spent byte budget. */
    void streamEnded();

    void streamFailed(DataStream stream, String reason);
}
