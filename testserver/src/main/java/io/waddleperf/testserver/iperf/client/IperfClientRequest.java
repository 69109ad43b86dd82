package io.waddleperf.testserver.iperf.client;

import io.waddleperf.testserver.iperf.IperfRole;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.TestParameters;
import io.waddleperf.testserver.iperf.Wire;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One test for {@link IperfClient}, in iperf3's own terms.
 *
 * @param durationSeconds {@code -t}; ignored when {@code bytes} is set
 * @param bytes {@code -n} per direction, 0 to end by time
 * @param blockSize {@code -l}: bytes per write, and the UDP datagram size
 * @param bandwidth {@code -b} in bit/s per stream, 0 for unlimited
 * @param omitSeconds {@code -O}: warm-up left out of the results
 * @param idleTimeout how long the server may stay silent, or a stream make no progress, before
 *     the test is abandoned
 * @param extraData iperf3's {@code --extra-data}: text the server keeps with the test (a node
 *     names the API's run in it, so the server's node can tell dispatched runs from outside
 *     clients); null for none
 */
public record IperfClientRequest(
        InetSocketAddress server,
        IperfTransport transport,
        IperfDirection direction,
        int parallel,
        int durationSeconds,
        long bytes,
        int blockSize,
        long bandwidth,
        int omitSeconds,
        boolean udpCounters64,
        Duration idleTimeout,
        @Nullable String extraData) {

    /** iperf3's UDP default rate when no {@code -b} is given. */
    public static final long DEFAULT_UDP_BANDWIDTH = 1024 * 1024;

    public static final int DEFAULT_TCP_BLOCK = Wire.DEFAULT_TCP_BLOCKSIZE;

    public IperfClientRequest {
        if (parallel < 1 || parallel > Wire.MAX_STREAMS) {
            throw new IllegalArgumentException("parallel must be 1.." + Wire.MAX_STREAMS);
        }
        if (durationSeconds < 0 || bytes < 0 || bandwidth < 0 || omitSeconds < 0 || omitSeconds > Wire.MAX_OMIT) {
            throw new IllegalArgumentException("negative duration, bytes, bandwidth or omit");
        }
        if (durationSeconds == 0 && bytes == 0) {
            throw new IllegalArgumentException("a test needs a duration or a byte count");
        }
        int maxBlock = transport == IperfTransport.UDP ? Wire.MAX_UDP_BLOCKSIZE : Wire.MAX_BLOCKSIZE;
        int minBlock = transport == IperfTransport.UDP ? Wire.MIN_UDP_BLOCKSIZE : 1;
        if (blockSize < minBlock || blockSize > maxBlock) {
            throw new IllegalArgumentException("blockSize must be " + minBlock + ".." + maxBlock);
        }
    }

    /** A TCP upload of {@code seconds} with one stream and iperf3's defaults otherwise. */
    public static IperfClientRequest tcp(InetSocketAddress server, int seconds) {
        return new IperfClientRequest(
                server,
                IperfTransport.TCP,
                IperfDirection.UPLOAD,
                1,
                seconds,
                0,
                DEFAULT_TCP_BLOCK,
                0,
                0,
                false,
                Duration.ofSeconds(10),
                null);
    }

    public IperfClientRequest withDirection(IperfDirection value) {
        return new IperfClientRequest(
                server,
                transport,
                value,
                parallel,
                durationSeconds,
                bytes,
                blockSize,
                bandwidth,
                omitSeconds,
                udpCounters64,
                idleTimeout,
                extraData);
    }

    public IperfClientRequest withParallel(int value) {
        return new IperfClientRequest(
                server,
                transport,
                direction,
                value,
                durationSeconds,
                bytes,
                blockSize,
                bandwidth,
                omitSeconds,
                udpCounters64,
                idleTimeout,
                extraData);
    }

    public IperfClientRequest withBytes(long value) {
        return new IperfClientRequest(
                server,
                transport,
                direction,
                parallel,
                durationSeconds,
                value,
                blockSize,
                bandwidth,
                omitSeconds,
                udpCounters64,
                idleTimeout,
                extraData);
    }

    public IperfClientRequest withDurationSeconds(int value) {
        return new IperfClientRequest(
                server,
                transport,
                direction,
                parallel,
                value,
                bytes,
                blockSize,
                bandwidth,
                omitSeconds,
                udpCounters64,
                idleTimeout,
                extraData);
    }

    public IperfClientRequest withOmit(int value) {
        return new IperfClientRequest(
                server,
                transport,
                direction,
                parallel,
                durationSeconds,
                bytes,
                blockSize,
                bandwidth,
                value,
                udpCounters64,
                idleTimeout,
                extraData);
    }

    public IperfClientRequest withIdleTimeout(Duration value) {
        return new IperfClientRequest(
                server,
                transport,
                direction,
                parallel,
                durationSeconds,
                bytes,
                blockSize,
                bandwidth,
                omitSeconds,
                udpCounters64,
                value,
                extraData);
    }

    public IperfClientRequest withExtraData(@Nullable String value) {
        return new IperfClientRequest(
                server,
                transport,
                direction,
                parallel,
                durationSeconds,
                bytes,
                blockSize,
                bandwidth,
                omitSeconds,
                udpCounters64,
                idleTimeout,
                value);
    }

    /** A UDP test: {@code -u -l size -b bandwidth}, optionally with 64-bit counters. */
    public IperfClientRequest udp(int datagramSize, long bitsPerSecond, boolean counters64) {
        return new IperfClientRequest(
                server,
                IperfTransport.UDP,
                direction,
                parallel,
                durationSeconds,
                bytes,
                datagramSize,
                bitsPerSecond,
                omitSeconds,
                counters64,
                idleTimeout,
                extraData);
    }

    IperfRole serverRole() {
        return switch (direction) {
            case UPLOAD -> IperfRole.RECEIVER;
            case REVERSE -> IperfRole.SENDER;
            case BIDIRECTIONAL -> IperfRole.BIDIRECTIONAL;
        };
    }

    int streamCount() {
        return direction == IperfDirection.BIDIRECTIONAL ? 2 * parallel : parallel;
    }

    /** With {@code --bidir} the client's first P streams are its sending ones. */
    boolean clientSends(int index) {
        return switch (direction) {
            case UPLOAD -> true;
            case REVERSE -> false;
            case BIDIRECTIONAL -> index < parallel;
        };
    }

    /** The parameters as our own stream code reads them; the role is the server's, as iperf3 names it. */
    TestParameters parameters() {
        return new TestParameters(
                transport,
                serverRole(),
                parallel,
                durationSeconds,
                omitSeconds,
                bytes,
                0,
                blockSize,
                bandwidth,
                Wire.DEFAULT_PACING_TIMER_US,
                0,
                0,
                false,
                0,
                udpCounters64,
                IperfClient.VERSION,
                extraData);
    }
}
