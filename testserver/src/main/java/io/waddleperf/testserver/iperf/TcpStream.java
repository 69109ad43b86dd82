package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A TCP data stream: reads into, or writes from, one reused direct buffer. */
final class TcpStream extends DataStream {

    /**
     * Read size for receiving: iperf3's default block. A read returns whatever is queued, and
     * 128 KiB, 256 KiB and 1 MiB reads cost the same CPU per byte here (docs/benchmarks.md), so
     * the smallest keeps a node with 128-stream tests light on native memory.
     */
    static final int RECEIVE_BUFFER = 128 * 1024;

    private final SocketChannel channel;

    TcpStream(StreamOwner test, int id, boolean sender, SocketChannel channel) {
        super(test, id, sender, channel);
        this.channel = channel;
    }

    @Override
    void transfer() throws IOException {
        if (sender) {
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

    @Override
    void closeChannelQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do with a stream we are discarding.
        }
    }
}
