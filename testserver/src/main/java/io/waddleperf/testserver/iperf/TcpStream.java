package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A TCP data stream: writes from one reused direct buffer; receives without copying where {@link
 * DiscardingReceive} can, else reads into one reused direct buffer.
 */
public final class TcpStream extends DataStream {

    /**
     * Native memory a test's TCP streams may read into or write from at once, shared out among its
     * streams: one or a few streams move the most bytes each and gain the most from large system
     * calls, while a 128-stream test keeps the native memory of 128 KiB per stream.
     */
    static final int TRANSFER_BUDGET = 8 * 1024 * 1024;

    /** iperf3's default block, the smallest read. */
    static final int MIN_TRANSFER = 128 * 1024;

    /**
     * The largest read or write. Read and write calls cost per call as well as per byte: against
     * the stock 3.21 client on loopback, 1 MiB reads (about 500 KiB each came back) took a quarter
     * of the calls of 128 KiB reads and about a tenth less server CPU per GB, and 1 MiB writes
     * for {@code -R} an eighth of the calls and about a third less (docs/benchmarks.md). {@code
     * -Dwaddleperf.iperf.max-transfer=131072} gives back iperf3's own sizes, for A/B runs.
     */
    static final int MAX_TRANSFER =
            Math.max(MIN_TRANSFER, Integer.getInteger("waddleperf.iperf.max-transfer", 1024 * 1024));

    private final SocketChannel channel;

    /**
     * Held by a discarding receive while it uses the socket's descriptor, and by whoever closes the
     * channel: so a native {@code recv} never runs on a descriptor that is closed, and perhaps
     * already another socket's. Taken once per receive call (up to 1 MiB); only the close contends.
     */
    private final ReentrantLock descriptor = new ReentrantLock();

    /** Set by a close from any thread before it acts, so the receive loop does not read on. */
    private volatile boolean closeRequested;

    /** A sender's socket, found by the stream's thread once it runs; reads nothing until then. */
    private volatile TcpInfoReader.@Nullable Socket tcpInfo;

    // TCP_INFO figures since the -O warm-up, guarded by this.
    private @Nullable TcpInfo latest;
    private long retransmitsBefore;
    private long maxSndCwnd;
    private long maxSndWnd = -1;
    private long minRtt = Long.MAX_VALUE;
    private long maxRtt;
    private long sumRtt;
    private long rttCount;

    public TcpStream(StreamOwner test, int id, boolean sender, SocketChannel channel) {
        super(test, id, sender);
        this.channel = channel;
    }

    @Override
    void transfer() throws IOException {
        if (sender) {
            // Only a sender's TCP_INFO is reported, as in iperf3.
            tcpInfo = TcpInfoReader.forChannel(channel);
            send();
        } else {
            receive();
        }
    }

    private void receive() throws IOException {
        DiscardingReceive.Socket discarding = DiscardingReceive.forChannel(channel);
        // Also the memory that bounds a discarding receive, which never writes to it.
        ByteBuffer buffer =
                test.buffers().acquire(transferSize(test.parameters().streamCount()));
        try {
            long omitEnd = test.omitEndNanos();
            long total = 0;
            while (true) {
                buffer.clear();
                int read = discarding == null ? channel.read(buffer) : discard(discarding, buffer);
                if (read == DiscardingReceive.WOULD_BLOCK) {
                    // The JDK sets a socket's descriptor non-blocking for good once a virtual thread
                    // has used it; only Java's own read knows how to wait then, so it reads from now on.
                    discarding = null;
                    continue;
                }
                if (read < 0) {
                    if (closeRequested) {
                        // Our shutdownInput, not the peer's end: a stop, as a close during a read is.
                        throw new AsynchronousCloseException();
                    }
                    // The client closed the stream; iperf3 carries on without it, and so do we.
                    return;
                }
                long now = System.nanoTime();
                total += read;
                bytes = total;
                lastDataNanos = now;
                if (!omitPassed && now - omitEnd >= 0) {
                    passOmit(total - read, 0, 0);
                }
            }
        } finally {
            test.buffers().release(buffer);
        }
    }

    /**
     * One discarding receive: the bytes taken, -1 at the end of the stream, or {@link
     * DiscardingReceive#WOULD_BLOCK}.
     */
    private int discard(DiscardingReceive.Socket socket, ByteBuffer buffer) throws IOException {
        descriptor.lock();
        try {
            if (closeRequested || !channel.isOpen()) {
                throw new AsynchronousCloseException();
            }
            int taken = socket.receive(buffer);
            return taken == 0 ? -1 : taken;
        } finally {
            descriptor.unlock();
        }
    }

    private void send() throws IOException {
        TestParameters parameters = test.parameters();
        int block = parameters.blockSize();
        // Several blocks per write when unpaced: the pacing of -b is checked per block, as iperf3 does.
        int blocksPerWrite =
                parameters.bandwidth() == 0 ? Math.max(1, transferSize(parameters.streamCount()) / block) : 1;
        ByteBuffer buffer = test.buffers().acquire(block * blocksPerWrite);
        try {
            fillRandom(buffer);
            long omitEnd = test.omitEndNanos();
            long start = System.nanoTime();
            long total = 0;
            while (true) {
                int blocks = 0;
                // Each block is taken on its own, so -n and -k end on the same block as one per write.
                while (blocks < blocksPerWrite
                        && (blocks == 0 ? awaitGreenLight(total, start) : !stopRequested)
                        && test.takeBlock(block)) {
                    blocks++;
                }
                if (blocks == 0) {
                    return;
                }
                long writeStart = total;
                buffer.clear().limit(blocks * block);
                // Counted per write, not per block: a stream closed in the middle of a block at the
                // end of a test has still delivered the part already written, and the peer counts it.
                while (buffer.hasRemaining()) {
                    total += channel.write(buffer);
                    bytes = total;
                }
                if (!omitPassed && System.nanoTime() - omitEnd >= 0) {
                    passOmit(writeStart, 0, 0);
                }
            }
        } finally {
            test.buffers().release(buffer);
        }
    }

    /**
     * Bytes per read, and the most per write, for a test of {@code streams} TCP streams: the test's
     * budget shared out, a power of two between iperf3's block and {@link #MAX_TRANSFER}.
     */
    static int transferSize(int streams) {
        int share = Integer.highestOneBit(Math.max(1, TRANSFER_BUDGET / Math.max(1, streams)));
        return Math.clamp(share, MIN_TRANSFER, MAX_TRANSFER);
    }

    /**
     * Reads {@code TCP_INFO} now; once the socket is closed, or where it cannot be read, gives the
     * last reading, or null if there never was one.
     */
    synchronized @Nullable TcpInfo readTcpInfo() {
        TcpInfoReader.Socket socket = tcpInfo;
        TcpInfo now = socket == null ? null : socket.read();
        if (now == null) {
            return latest;
        }
        latest = now;
        maxSndCwnd = Math.max(maxSndCwnd, now.sndCwnd());
        maxSndWnd = Math.max(maxSndWnd, now.sndWnd());
        minRtt = Math.min(minRtt, now.rtt());
        maxRtt = Math.max(maxRtt, now.rtt());
        sumRtt += now.rtt();
        rttCount++;
        return now;
    }

    /** Starts the figures afresh at the end of the {@code -O} warm-up, as iperf3 does. */
    synchronized void resetTcpFigures() {
        retransmitsBefore = latest == null ? 0 : latest.totalRetransmits();
        maxSndCwnd = 0;
        maxSndWnd = -1;
        minRtt = Long.MAX_VALUE;
        maxRtt = 0;
        sumRtt = 0;
        rttCount = 0;
    }

    /** The stream's figures since the warm-up, as iperf3's end-of-test summary has them. */
    synchronized @Nullable TcpSummary tcpSummary() {
        if (latest == null) {
            return null;
        }
        return new TcpSummary(
                latest.totalRetransmits() - retransmitsBefore,
                maxSndCwnd,
                maxSndWnd,
                rttCount == 0 ? 0 : minRtt,
                maxRtt,
                rttCount == 0 ? 0 : sumRtt / rttCount,
                latest.pmtu());
    }

    /**
     * Every stop from another thread comes here: the end of the test, an abort, the watchdog, the
     * server shutting down. A receiver's input is shut down first: that wakes a discarding receive
     * blocked in {@code recv}, which the close alone would not wake (Java wakes only the threads in
     * its own calls) and could not complete (the descriptor stays open while a call uses it, so the
     * peer would not see the close). The close itself waits for the receive to let go of the
     * descriptor.
     */
    @Override
    void closeChannelQuietly() {
        closeRequested = true;
        if (!sender) {
            try {
                channel.shutdownInput();
            } catch (IOException | RuntimeException e) {
                // Already closed, or (a client's stream) never connected: nothing blocks on it.
            }
        }
        descriptor.lock();
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do with a stream we are discarding.
        } finally {
            descriptor.unlock();
        }
    }
}
