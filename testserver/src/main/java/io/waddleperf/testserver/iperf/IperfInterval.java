package io.waddleperf.testserver.iperf;

import java.util.List;

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
     */
    public record Stream(int id, boolean sender, long bytes, long packets, long lostPackets, double jitterSeconds) {}

    public long bytes() {
        return streams.stream().mapToLong(Stream::bytes).sum();
    }

    public double bitsPerSecond() {
        double seconds = end - start;
        return seconds > 0 ? bytes() * 8 / seconds : 0;
    }
}
