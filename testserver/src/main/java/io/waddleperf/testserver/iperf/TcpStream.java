package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/** A TCP data stream: reads into, or writes from, one reused direct buffer. */
public final class TcpStream extends DataStream {

    /**
     * Read size for receiving: iperf3's default block. A read returns whatever is queued, and
     * 128 KiB, 256 KiB and 1 MiB reads cost the same CPU per byte here (docs/benchmarks.md), so
     * the smallest keeps a node with 128-stream tests light on native memory.
     */
    static final int RECEIVE_BUFFER = 128 * 1024;

    private final SocketChannel channel;

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
        super(test, id, sender, channel);
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
        ByteBuffer buffer = test.buffers().acquire(RECEIVE_BUFFER);
        try {
            long omitEnd = test.omitEndNanos();
            long total = 0;
            while (true) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
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

    private void send() throws IOException {
        int block = test.parameters().blockSize();
        ByteBuffer buffer = test.buffers().acquire(block);
        try {
            fillRandom(buffer);
            long omitEnd = test.omitEndNanos();
            long start = System.nanoTime();
            long total = 0;
            while (awaitGreenLight(total, start) && test.takeBlock(block)) {
                long blockStart = total;
                buffer.clear().limit(block);
                // Counted per write, not per block: a stream closed in the middle of a block at the
                // end of a test has still delivered the part already written, and the peer counts it.
                while (buffer.hasRemaining()) {
                    total += channel.write(buffer);
                    bytes = total;
                }
                if (!omitPassed && System.nanoTime() - omitEnd >= 0) {
                    passOmit(blockStart, 0, 0);
                }
            }
        } finally {
            test.buffers().release(buffer);
        }
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

    @Override
    void closeChannelQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do with a stream we are discarding.
        }
    }
}
