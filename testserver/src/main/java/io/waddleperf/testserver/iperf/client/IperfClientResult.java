package io.waddleperf.testserver.iperf.client;

import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.TcpSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A finished client test, both ends' figures side by side.
 *
 * @param seconds measured time, after the {@code -O} warm-up, until TEST_END
 * @param serverSenderHasRetransmits the server's {@code sender_has_retransmits}: 1 when its
 *     retransmit figures are real
 */
public record IperfClientResult(
        IperfTransport transport,
        IperfDirection direction,
        int parallel,
        double seconds,
        List<Stream> streams,
        List<Interval> intervals,
        double serverCpuPercent,
        int serverSenderHasRetransmits) {

    public IperfClientResult {
        streams = List.copyOf(streams);
        intervals = List.copyOf(intervals);
    }

    /**
     * One stream. {@code sentBytes} comes from the sending end and {@code receivedBytes} from the
     * receiving end, whichever of client and server that is.
     *
     * @param clientSends whether the client was the sender (upload), else the server was
     * @param sentPackets UDP datagrams the sender sent; 0 for TCP
     * @param lostPackets UDP datagrams that never arrived: the receiver's gaps plus the sender's
     *     datagrams after the last one the receiver saw
     * @param jitterSeconds UDP jitter at the receiver (RFC 1889)
     * @param retransmits the sender's TCP retransmits, or -1 when it does not know (UDP, a
     *     system or JVM without TCP_INFO, a server that does not report them)
     * @param tcp for uploads, the client's own TCP_INFO figures over the test; null otherwise (a
     *     server shares only its retransmit count)
     */
    public record Stream(
            int id,
            boolean clientSends,
            long sentBytes,
            long receivedBytes,
            long sentPackets,
            long lostPackets,
            double jitterSeconds,
            long retransmits,
            @Nullable TcpSummary tcp) {}

    /**
     * One reporting interval, usually one second.
     *
     * @param uploadBytes what the client sent in the interval
     * @param downloadBytes what the client received in the interval
     * @param lostPackets UDP gaps the client saw as a receiver in the interval
     * @param jitterSeconds the client's UDP receive jitter at the end of the interval, 0 if none
     * @param retransmits segments the client's TCP senders retransmitted in the interval; null
     *     when it sent nothing over TCP or cannot read TCP_INFO (and so for the next three)
     * @param sndCwnd the client's TCP congestion windows at the end of the interval, summed over
     *     its sending streams, bytes
     * @param sndWnd the windows the server advertised to those streams, summed, bytes; null also
     *     where the kernel (before 5.4) does not report it
     * @param rtt the kernel's smoothed RTT of the client's sending streams, averaged, microseconds
     * @param rttvar their RTT variance, averaged, microseconds
     * @param pmtu the smallest path MTU among those streams, bytes
     */
    public record Interval(
            int index,
            double start,
            double end,
            boolean omitted,
            long uploadBytes,
            long downloadBytes,
            long lostPackets,
            double jitterSeconds,
            @Nullable Long retransmits,
            @Nullable Long sndCwnd,
            @Nullable Long sndWnd,
            @Nullable Long rtt,
            @Nullable Long rttvar,
            @Nullable Long pmtu) {

        public double seconds() {
            return end - start;
        }
    }

    public long uploadSentBytes() {
        return sum(true, true);
    }

    public long uploadReceivedBytes() {
        return sum(true, false);
    }

    public long downloadSentBytes() {
        return sum(false, true);
    }

    public long downloadReceivedBytes() {
        return sum(false, false);
    }

    /** Received bits per second client to server; 0 when nothing went that way. */
    public double uploadBitsPerSecond() {
        return seconds > 0 ? uploadReceivedBytes() * 8 / seconds : 0;
    }

    public double downloadBitsPerSecond() {
        return seconds > 0 ? downloadReceivedBytes() * 8 / seconds : 0;
    }

    public long lostPackets() {
        return streams.stream().mapToLong(Stream::lostPackets).sum();
    }

    public long sentPackets() {
        return streams.stream().mapToLong(Stream::sentPackets).sum();
    }

    /** Mean receive jitter over the streams, as iperf3's sums report it. */
    public double jitterSeconds() {
        return streams.stream().mapToDouble(Stream::jitterSeconds).average().orElse(0);
    }

    /** Sum of the senders' retransmits, or -1 if any sender did not know. */
    public long retransmits() {
        long total = 0;
        for (Stream stream : streams) {
            if (stream.retransmits() < 0) {
                return -1;
            }
            total += stream.retransmits();
        }
        return total;
    }

    /**
     * The client's own TCP_INFO figures over the test for what it sent (iperf3's per-stream
     * end-of-test sender figures, combined): windows summed over the streams' maxima, the
     * smallest and largest RTT of any stream, the streams' mean RTTs averaged, the smallest path
     * MTU. Null when the client sent nothing over TCP or could not read TCP_INFO.
     */
    public @Nullable TcpSummary uploadTcp() {
        long retransmits = 0;
        long cwnd = 0;
        long wnd = 0;
        boolean wndKnown = false;
        long minRtt = Long.MAX_VALUE;
        long maxRtt = 0;
        long meanRtt = 0;
        long pmtu = Long.MAX_VALUE;
        int count = 0;
        for (Stream stream : streams) {
            TcpSummary tcp = stream.tcp();
            if (!stream.clientSends() || tcp == null) {
                continue;
            }
            retransmits += tcp.retransmits();
            cwnd += tcp.maxSndCwnd();
            if (tcp.maxSndWnd() >= 0) {
                wnd += tcp.maxSndWnd();
                wndKnown = true;
            }
            minRtt = Math.min(minRtt, tcp.minRtt());
            maxRtt = Math.max(maxRtt, tcp.maxRtt());
            meanRtt += tcp.meanRtt();
            pmtu = Math.min(pmtu, tcp.pmtu());
            count++;
        }
        if (count == 0) {
            return null;
        }
        return new TcpSummary(retransmits, cwnd, wndKnown ? wnd : -1, minRtt, maxRtt, meanRtt / count, pmtu);
    }

    private long sum(boolean upload, boolean sent) {
        return streams.stream()
                .filter(s -> s.clientSends() == upload)
                .mapToLong(s -> sent ? s.sentBytes() : s.receivedBytes())
                .sum();
    }
}
