package io.waddleperf.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A probe's result, the {@code result} of a run's final event. The records are the JSON form
 * (component names are the keys); {@link ProbeContract#results()} names the figures for people.
 * A node fills every figure it measured; the figures that feed the API's typed columns are
 * nullable because a result sent to the API's ingest by another tool may leave them out, and a
 * figure left out is no figure, not zero.
 */
public sealed interface ProbeResult {

    ProbeType probeType();

    /** The record that carries results of {@code type}, for JSON readers. */
    static Class<? extends ProbeResult> recordOf(ProbeType type) {
        return switch (type) {
            case TCP_CONNECT -> TcpConnect.class;
            case UDP_ECHO -> UdpEcho.class;
            case HTTP -> Http.class;
            case DNS -> Dns.class;
            case SSH -> Ssh.class;
            case THROUGHPUT -> Throughput.class;
        };
    }

    /** @param truncated the run reached the longest run time before all connects were made */
    record TcpConnect(
            String target,
            String address,
            int port,
            int attempted,
            int succeeded,
            int refused,
            int timedOut,
            @Nullable Latency rtt,
            boolean truncated)
            implements ProbeResult {
        @Override
        public ProbeType probeType() {
            return ProbeType.TCP_CONNECT;
        }
    }

    record UdpEcho(
            String target,
            String address,
            int port,
            int sent,
            int received,
            int lost,
            @Nullable Double lossPercent,
            int duplicates,
            int reordered,
            @Nullable Latency rtt,
            @Nullable Double jitterMillis,
            int packetSize)
            implements ProbeResult {
        @Override
        public ProbeType probeType() {
            return ProbeType.UDP_ECHO;
        }
    }

    record Http(
            String url,
            String address,
            int port,
            int status,
            String httpVersion,
            double dnsMillis,
            double connectMillis,
            @Nullable Double tlsMillis,
            double ttfbMillis,
            @Nullable Double totalMillis,
            long bodyBytes,
            boolean bodyTruncated,
            @Nullable String location,
            @Nullable String tlsVersion,
            @Nullable String cipherSuite,
            @Nullable Long certificateDaysLeft,
            @Nullable String certificateSubject)
            implements ProbeResult {
        @Override
        public ProbeType probeType() {
            return ProbeType.HTTP;
        }
    }

    record Dns(
            String name,
            String qtype,
            String resolver,
            String rcode,
            List<String> answers,
            int answerCount,
            boolean authoritative,
            boolean truncated,
            String transport,
            @Nullable Double timeMillis)
            implements ProbeResult {
        @Override
        public ProbeType probeType() {
            return ProbeType.DNS;
        }
    }

    record Ssh(
            String target,
            String address,
            int port,
            String banner,
            double connectMillis,
            double bannerMillis,
            String kexAlgorithm,
            String hostKeyAlgorithm,
            String hostKeyFingerprint,
            double keyExchangeMillis,
            double totalMillis)
            implements ProbeResult {
        @Override
        public ProbeType probeType() {
            return ProbeType.SSH;
        }
    }

    /**
     * @param uploadMbps what the node sent; 0 when the test measured only the other direction
     * @param retransmits the TCP senders' retransmitted segments (the node's own TCP_INFO for what
     *     it sent, the server's count for what the server sent); null where a sender's kernel
     *     counters are not readable
     * @param captureNote why a run that asked for a packet capture has none; null otherwise
     * @param tcp the node's own TCP_INFO over the test for what it sent; null for UDP, downloads,
     *     nodes that cannot read TCP_INFO, and results stored before it
     */
    record Throughput(
            String target,
            String address,
            int port,
            String protocol,
            int streams,
            int durationSeconds,
            boolean reverse,
            boolean bidirectional,
            long sentBytes,
            long receivedBytes,
            @Nullable Double uploadMbps,
            @Nullable Double downloadMbps,
            @Nullable Long retransmits,
            @Nullable Long lostPackets,
            @Nullable Long totalPackets,
            @Nullable Double lossPercent,
            @Nullable Double jitterMillis,
            @Nullable Latency latencyUnderLoad,
            @Nullable String latencyUnderLoadNote,
            List<Interval> intervals,
            @Nullable String captureNote,
            @Nullable Tcp tcp)
            implements ProbeResult {
        @Override
        public ProbeType probeType() {
            return ProbeType.THROUGHPUT;
        }

        public boolean measuredUpload() {
            return !reverse || bidirectional;
        }

        public boolean measuredDownload() {
            return reverse || bidirectional;
        }
    }

    /**
     * One second of a throughput run. The TCP figures are the kernel's TCP_INFO for the node's
     * own sending streams, in iperf3's units: retransmitted segments in the second, the congestion
     * and send windows at its end (bytes, summed over the streams), the smoothed RTT and its
     * variance (microseconds, averaged), the path MTU (bytes, the smallest of the streams'). They
     * are null for UDP, for downloads (the server keeps its per-second figures), for nodes that
     * cannot read TCP_INFO, and in results stored before them; {@code sndWndBytes} also on
     * kernels before 5.4, which do not report it.
     */
    record Interval(
            int second,
            double sentMbps,
            double receivedMbps,
            @Nullable Long retransmits,
            @Nullable Long sndCwndBytes,
            @Nullable Long sndWndBytes,
            @Nullable Long rttMicros,
            @Nullable Long rttvarMicros,
            @Nullable Long pmtuBytes) {}

    /**
     * A throughput run's TCP_INFO over the measured time for the node's sending streams, as
     * iperf3's end-of-test sender figures ({@code max_snd_cwnd}, {@code max_snd_wnd}, {@code
     * min_rtt}, {@code max_rtt}, {@code mean_rtt}) combined over the streams: the windows' maxima
     * summed, the smallest and largest RTT of any stream, the streams' means averaged; and the
     * smallest path MTU at the end.
     *
     * @param maxSndWndBytes null where the kernel (before 5.4) does not report the send window
     */
    record Tcp(
            long retransmits,
            long maxSndCwndBytes,
            @Nullable Long maxSndWndBytes,
            long minRttMicros,
            long maxRttMicros,
            long meanRttMicros,
            long pmtuBytes) {}
}
