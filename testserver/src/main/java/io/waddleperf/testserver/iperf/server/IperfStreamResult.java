package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.TcpSummary;
import org.jspecify.annotations.Nullable;

/**
 * One data stream at the end of a test, from this server's side, after the {@code -O} warm-up.
 *
 * @param id iperf3's stream id (1, 3, 4, ...)
 * @param sender whether this server sent on the stream ({@code -R}, or the second half of {@code
 *     --bidir})
 * @param bytes what this server sent or received
 * @param peerBytes what the client reported for the same stream, or -1 if it never did
 * @param packets UDP datagrams sent, or for a receiver the highest sequence number seen; 0 for TCP
 * @param lostPackets UDP datagrams the receiver found missing (net of late arrivals)
 * @param outOfOrder UDP datagrams that arrived after a later one
 * @param jitterSeconds UDP receive jitter (RFC 1889)
 * @param seconds how long the stream was measured
 * @param tcp this server's {@code TCP_INFO} figures for a TCP stream it sent on; null for UDP, for
 *     streams it received, and where {@code TCP_INFO} cannot be read
 * @param peerRetransmits the client's retransmit count for a TCP stream it sent on, from
 *     iperf3's results exchange; -1 when the client did not send, cannot tell, or for UDP
 */
public record IperfStreamResult(
        int id,
        boolean sender,
        long bytes,
        long peerBytes,
        long packets,
        long lostPackets,
        long outOfOrder,
        double jitterSeconds,
        double seconds,
        @Nullable TcpSummary tcp,
        long peerRetransmits) {

    public double bitsPerSecond() {
        return seconds > 0 ? bytes * 8 / seconds : 0;
    }
}
