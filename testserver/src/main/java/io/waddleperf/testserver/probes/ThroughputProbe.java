package io.waddleperf.testserver.probes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waddleperf.protocol.HostPort;
import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import io.waddleperf.protocol.SessionReport;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.TcpSummary;
import io.waddleperf.testserver.iperf.client.IperfClient;
import io.waddleperf.testserver.iperf.client.IperfClientFailed;
import io.waddleperf.testserver.iperf.client.IperfClientRequest;
import io.waddleperf.testserver.iperf.client.IperfClientResult;
import io.waddleperf.testserver.iperf.client.IperfDirection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput to an iperf3 server (stock or another node) with our iperf3 client, plus latency
 * under load from a UDP echo on the same host while the transfer runs.
 *
 * <p>Directions are the node's: upload is node to server, download server to node. Rates are
 * what the receiving end counted, as iperf3 reports them.
 */
final class ThroughputProbe implements Probe {

    private static final Logger log = LoggerFactory.getLogger(ThroughputProbe.class);

    /** The artefact name a capture is handed to the API under. */
    static final String CAPTURE_ARTEFACT = "capture.pcap";

    /** How long the server may stay silent, or a stream stall, before the run is abandoned. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    /** After the transfer, how long echo replies still on their way are waited for. */
    private static final long ECHO_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /**
     * One second of the transfer, as the {@code sample} events carry it. UDP and echo figures are
     * left out when there are none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)

    /**
     * @param sentBytes what the node sent; {@code receivedBytes} what it received
     * @param uploadMbps node to server, as the server received it
     * @param downloadMbps server to node, as the node received it
     * @param retransmits the TCP senders' retransmits: the node's own TCP_INFO for what it sent,
     *     the server's count for what the server sent; null when either is unknown
     * @param lostPackets UDP only, like {@code totalPackets}, {@code lossPercent} and {@code
     *     jitterMillis}; null for TCP
     */
    private final HostPort target;

    private final ProbeParams.Throughput params;
    private final SsrfGuard guard;
    private final PacketCapture capture;
    /** The capture's own directory (0700), from its start until {@link #discardArtefacts()}. */
    private volatile @Nullable Path captureDirectory;

    private volatile @Nullable Path captureFile;
    private volatile ProbeProgress.@Nullable Throughput progress;
    private volatile @Nullable EchoPinger pinger;
    /** {@code nanoTime()} at which the transfer started, learnt from the first interval. */
    private volatile long transferStartNanos;

    /** The API's run this probe measures for; null when run outside one (tests). */
    private final @Nullable String runId;

    ThroughputProbe(
            HostPort target,
            ProbeParams.Throughput params,
            SsrfGuard guard,
            PacketCapture capture,
            @Nullable String runId) {
        this.runId = runId;
        this.target = target;
        this.params = params;
        this.guard = guard;
        this.capture = capture;
    }

    @Override
    public ProbeType type() {
        return ProbeType.THROUGHPUT;
    }

    @Override
    public @Nullable ProbeProgress progress() {
        return progress;
    }

    @Override
    public ProbeResult.Throughput run() throws InterruptedException {
        InetAddress address = guard.resolve(target.host()).getFirst();
        InetSocketAddress server = new InetSocketAddress(address, target.port());
        IperfClientRequest request = request(server);
        // Started first, so the capture holds the echo's pings and the iperf3 handshake.
        String captureNote = null;
        PacketCapture.Recording recording = null;
        if (params.capture()) {
            if (!capture.available()) {
                captureNote = capture.unavailable();
            } else {
                try {
                    recording = startCapture(address);
                } catch (IOException e) {
                    // The test is what was asked for; the capture is extra and its absence is reported.
                    captureNote = "capture failed: " + e.getMessage();
                }
            }
        }
        EchoPinger echo = null;
        String echoFailure = null;
        IperfClientResult result;
        boolean transferred = false;
        // One try from here on: whatever ends the run, tcpdump is stopped and its file not kept.
        try {
            try {
                echo = EchoPinger.start(new InetSocketAddress(address, params.echoPort()));
            } catch (IOException e) {
                echoFailure = "cannot send to the UDP echo at " + hostPort(address, params.echoPort()) + ": "
                        + e.getMessage();
            }
            pinger = echo;
            result = IperfClient.run(request, this::onInterval);
            transferred = true;
        } catch (IperfClientFailed e) {
            throw new ProbeFailed(kind(e), "iperf3 test against " + target + " failed: " + e.getMessage(), e);
        } finally {
            if (echo != null) {
                echo.close();
            }
            if (recording != null) {
                captureNote = recording.stop();
            }
            if (!transferred) {
                discardArtefacts();
            }
        }
        long endNanos = System.nanoTime();
        List<EchoPinger.Sample> samples = echo == null ? List.of() : echo.finish(ECHO_GRACE_NANOS);
        return result(address, result, samples, endNanos, echo, echoFailure, captureNote);
    }

    private PacketCapture.Recording startCapture(InetAddress address) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("waddleperf-capture-");
        captureDirectory = directory;
        Path file = directory.resolve(CAPTURE_ARTEFACT);
        try {
            PacketCapture.Recording recording =
                    capture.start(CaptureFilter.of(address, target.port(), params.echoPort()), file);
            captureFile = file;
            return recording;
        } catch (IOException | InterruptedException e) {
            discardArtefacts();
            throw e;
        }
    }

    @Override
    public Map<String, Path> artefacts() {
        Path file = captureFile;
        return file != null && Files.isRegularFile(file) ? Map.of(CAPTURE_ARTEFACT, file) : Map.of();
    }

    @Override
    public void discardArtefacts() {
        Path directory = captureDirectory;
        captureFile = null;
        captureDirectory = null;
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(CAPTURE_ARTEFACT));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Nothing else can be done about it here; the log tells the operator where it is.
            log.warn("Cannot delete the packet capture in {}", directory, e);
        }
    }

    private IperfClientRequest request(InetSocketAddress server) {
        IperfDirection direction = params.bidirectional()
                ? IperfDirection.BIDIRECTIONAL
                : params.reverse() ? IperfDirection.REVERSE : IperfDirection.UPLOAD;
        return new IperfClientRequest(
                server,
                params.udp() ? IperfTransport.UDP : IperfTransport.TCP,
                direction,
                params.streams(),
                params.durationSeconds(),
                0,
                params.blockSize(),
                params.bandwidth(),
                params.omitSeconds(),
                // 64-bit counters cost nothing and cannot wrap on a long, fast UDP test.
                params.udp(),
                IDLE_TIMEOUT,
                // iperf3's --extra-data: a node's iperf3 server reports the session as this run's.
                runId == null ? null : SessionReport.RUN_EXTRA_DATA_PREFIX + runId);
    }

    private void onInterval(IperfClientResult.Interval interval) {
        if (interval.index() == 0) {
            transferStartNanos = System.nanoTime() - (long) (interval.end() * 1e9);
        }
        double seconds = Math.max(interval.seconds(), 1e-9);
        EchoPinger echo = pinger;
        double rtt = echo == null ? Double.NaN : echo.lastRttMillis();
        progress = new ProbeProgress.Throughput(
                interval.index() + 1,
                mbps(interval.uploadBytes(), seconds),
                mbps(interval.downloadBytes(), seconds),
                params.udp() && interval.downloadBytes() > 0 ? interval.lostPackets() : null,
                params.udp() && interval.downloadBytes() > 0 ? Latency.round(interval.jitterSeconds() * 1000) : null,
                Double.isNaN(rtt) ? null : rtt,
                interval.retransmits(),
                interval.sndCwnd(),
                interval.sndWnd(),
                interval.rtt(),
                interval.rttvar(),
                interval.pmtu());
    }

    private ProbeResult.Throughput result(
            InetAddress address,
            IperfClientResult result,
            List<EchoPinger.Sample> samples,
            long endNanos,
            @Nullable EchoPinger echo,
            @Nullable String echoFailure,
            @Nullable String captureNote) {
        boolean udp = params.udp();
        List<ProbeResult.Interval> intervals = new ArrayList<>();
        for (IperfClientResult.Interval interval : result.intervals()) {
            if (interval.omitted()) {
                continue;
            }
            double seconds = Math.max(interval.seconds(), 1e-9);
            intervals.add(new ProbeResult.Interval(
                    interval.index() + 1,
                    mbps(interval.uploadBytes(), seconds),
                    mbps(interval.downloadBytes(), seconds),
                    interval.retransmits(),
                    interval.sndCwnd(),
                    interval.sndWnd(),
                    interval.rtt(),
                    interval.rttvar(),
                    interval.pmtu()));
        }
        // Only pings sent while data was moving measure latency under load; warm-up pings are not.
        long from = transferStartNanos != 0
                ? transferStartNanos + TimeUnit.SECONDS.toNanos(params.omitSeconds())
                : Long.MIN_VALUE;
        double[] rtts = samples.stream()
                .filter(sample -> sample.sentNanos() - from >= 0 && sample.sentNanos() - endNanos <= 0)
                .mapToDouble(EchoPinger.Sample::rttMillis)
                .toArray();
        Latency latency = rtts.length == 0 ? null : Latency.of(rtts);
        String note = null;
        if (latency == null) {
            note = echoFailure != null
                    ? echoFailure
                    : "no UDP echo answered at " + hostPort(address, params.echoPort()) + " ("
                            + (echo == null ? 0 : echo.sent()) + " pings sent during the transfer)";
        }
        long sent = result.sentPackets();
        long lost = result.lostPackets();
        long retransmits = result.retransmits();
        return new ProbeResult.Throughput(
                target.toString(),
                address.getHostAddress(),
                target.port(),
                params.protocol(),
                params.streams(),
                params.durationSeconds(),
                params.reverse(),
                params.bidirectional(),
                result.uploadSentBytes(),
                result.downloadReceivedBytes(),
                Latency.round(result.uploadBitsPerSecond() / 1e6),
                Latency.round(result.downloadBitsPerSecond() / 1e6),
                !udp && retransmits >= 0 ? retransmits : null,
                udp ? lost : null,
                udp ? sent : null,
                udp ? (sent == 0 ? 0.0 : Latency.round(100.0 * lost / sent)) : null,
                udp ? Latency.round(result.jitterSeconds() * 1000) : null,
                latency,
                note,
                List.copyOf(intervals),
                captureNote,
                tcp(result.uploadTcp()));
    }

    private static ProbeResult.@Nullable Tcp tcp(@Nullable TcpSummary summary) {
        if (summary == null) {
            return null;
        }
        return new ProbeResult.Tcp(
                summary.retransmits(),
                summary.maxSndCwnd(),
                summary.maxSndWnd() < 0 ? null : summary.maxSndWnd(),
                summary.minRtt(),
                summary.maxRtt(),
                summary.meanRtt(),
                summary.pmtu());
    }

    private static double mbps(long bytes, double seconds) {
        return Latency.round(bytes * 8 / seconds / 1e6);
    }

    private static String hostPort(InetAddress address, int port) {
        return new HostPort(address.getHostAddress(), port).toString();
    }

    private static String kind(IperfClientFailed e) {
        return switch (e.kind()) {
            case UNREACHABLE -> "unreachable";
            case BUSY -> "iperf-busy";
            case SERVER_ERROR -> "iperf-server-error";
            case PROTOCOL -> "iperf-protocol";
            case TIMEOUT -> "timeout";
        };
    }
}
