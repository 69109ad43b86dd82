package io.waddleperf.testserver.iperf;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What each stream moved during one reporting interval (normally one second) of a test.
 *
 * @param start seconds since the test started
 * @param end seconds since the test started
 * @param omitted whether the interval lies in the {@code -O} warm-up the results leave out
 */
public record IperfInterval(String testId, int index, double start, double end, boolean omitted, List<Stream> streams) {

    public IperfInterval {
        streams = List.copyOf(streams);
    }

    /**
     * @param bytes sent or received in this interval, depending on {@code sender}
     * @param packets UDP datagrams sent or received in this interval; 0 for TCP
     * @param lostPackets UDP datagrams the receiver saw missing in this interval
     * @param jitterSeconds UDP jitter (RFC 1889) at the end of the interval
     * @param retransmits a TCP sender's retransmitted segments in this interval; -1 for UDP, for
     *     receivers, and where {@code TCP_INFO} cannot be read
     * @param tcpInfo a TCP sender's {@code TCP_INFO} at the end of the interval (congestion window,
     *     RTT, ...); null where {@code retransmits} is -1
     */
    public record Stream(
            int id,
            boolean sender,
            long bytes,
            long packets,
            long lostPackets,
            double jitterSeconds,
            long retransmits,
            @Nullable TcpInfo tcpInfo) {}

    public long bytes() {
        return streams.stream().mapToLong(Stream::bytes).sum();
    }

    public double bitsPerSecond() {
        double seconds = end - start;
        return seconds > 0 ? bytes() * 8 / seconds : 0;
    }
}
