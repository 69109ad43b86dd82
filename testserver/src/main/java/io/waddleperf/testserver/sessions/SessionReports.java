package io.waddleperf.testserver.sessions;

import io.waddleperf.protocol.SessionInterval;
import io.waddleperf.protocol.SessionReport;
import io.waddleperf.protocol.SessionReport.Direction;
import io.waddleperf.protocol.SessionReport.Outcome;
import io.waddleperf.protocol.SessionReport.Protocol;
import io.waddleperf.testserver.iperf.IperfInterval;
import io.waddleperf.testserver.iperf.IperfRole;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused;
import io.waddleperf.testserver.iperf.server.IperfStreamResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns the iperf3 server's events into the node protocol's session records. */
final class SessionReports {

    /**
     * Intervals kept per finished session: ten minutes at one a second. Longer tests keep their
     * first ten minutes; the totals still cover the whole test.
     */
    static final int MAX_INTERVALS = 600;

    private SessionReports() {}

    static Direction direction(IperfRole role) {
        return switch (role) {
            case RECEIVER -> Direction.UPLOAD;
            case SENDER -> Direction.DOWNLOAD;
            case BIDIRECTIONAL -> Direction.BIDIR;
        };
    }

    static Protocol protocol(IperfTransport transport) {
        return transport == IperfTransport.UDP ? Protocol.UDP : Protocol.TCP;
    }

    static String address(InetSocketAddress client) {
        return client.getAddress().getHostAddress();
    }

    /** {@code BUSY} → {@code busy}, {@code CLIENT_LIMIT} → {@code client-limit}. */
    static String reason(IperfConnectionRefused.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static SessionReport refused(String sessionId, IperfConnectionRefused event, Instant at) {
        return new SessionReport(
                sessionId,
                address(event.client()),
                event.client().getPort(),
                at,
                at,
                null,
                null,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                Outcome.REFUSED,
                reason(event.reason()),
                null,
                List.of(),
                // Refused before the client's parameters arrived: no run is named yet.
                null);
    }

    static SessionReport finished(
            String sessionId,
            IperfTestResult result,
            Instant startedAt,
            Instant endedAt,
            @Nullable String clientVersion,
            @Nullable String extraData) {
        boolean udp = result.transport() == IperfTransport.UDP;
        List<IperfStreamResult> received =
                result.streams().stream().filter(s -> !s.sender()).toList();
        List<IperfStreamResult> sent =
                result.streams().stream().filter(IperfStreamResult::sender).toList();
        Double upload = received.isEmpty()
                ? null
                : mbps(received.stream()
                        .mapToDouble(IperfStreamResult::bitsPerSecond)
                        .sum());
        // Receiver side, as iperf3 reports a -R test: what the client counted, else what we sent.
        Double download = sent.isEmpty()
                ? null
                : mbps(sent.stream()
                        .mapToDouble(s -> s.seconds() > 0
                                ? (s.peerBytes() >= 0 ? s.peerBytes() : s.bytes()) * 8 / s.seconds()
                                : 0)
                        .sum());
        Long retransmits = udp || result.streams().isEmpty() ? null : retransmits(result.streams());
        Double jitter = udp && !received.isEmpty()
                ? round(received.stream()
                                .mapToDouble(IperfStreamResult::jitterSeconds)
                                .average()
                                .orElse(0)
                        * 1000)
                : null;
        Long lost = udp && !received.isEmpty()
                ? received.stream().mapToLong(IperfStreamResult::lostPackets).sum()
                : null;
        Long total = udp && !received.isEmpty()
                ? received.stream().mapToLong(IperfStreamResult::packets).sum()
                : null;
        double seconds = result.streams().stream()
                .mapToDouble(IperfStreamResult::seconds)
                .max()
                .orElse(0);
        Outcome outcome = switch (result.outcome()) {
            case COMPLETED, TERMINATED -> Outcome.OK;
            case FAILED -> Outcome.ERROR;
        };
        String reason = switch (result.outcome()) {
            case COMPLETED -> null;
            case TERMINATED -> "interrupted";
            case FAILED -> result.failure() == null ? "failed" : result.failure();
        };
        List<SessionInterval> intervals = new ArrayList<>();
        for (IperfInterval interval : result.intervals()) {
            if (intervals.size() == MAX_INTERVALS) {
                break;
            }
            intervals.add(interval(interval, udp));
        }
        return new SessionReport(
                sessionId,
                address(result.client()),
                result.client().getPort(),
                startedAt,
                endedAt,
                result.role() == null ? null : direction(result.role()),
                result.transport() == null ? null : protocol(result.transport()),
                result.parallel(),
                result.receivedBytes(),
                result.sentBytes(),
                upload,
                download,
                retransmits,
                jitter,
                lost,
                total,
                round(seconds),
                outcome,
                reason,
                clientVersion,
                intervals,
                SessionReport.runIdIn(extraData));
    }

    /** The senders' count: ours from TCP_INFO, the client's from the results exchange; null if neither told. */
    private static @Nullable Long retransmits(List<IperfStreamResult> streams) {
        long sum = 0;
        boolean known = false;
        for (IperfStreamResult stream : streams) {
            if (stream.sender() && stream.tcp() != null) {
                sum += stream.tcp().retransmits();
                known = true;
            } else if (!stream.sender() && stream.peerRetransmits() >= 0) {
                sum += stream.peerRetransmits();
                known = true;
            }
        }
        return known ? sum : null;
    }

    static SessionInterval interval(IperfInterval interval, boolean udp) {
        double seconds = interval.end() - interval.start();
        long in = 0;
        long out = 0;
        long retransmits = 0;
        boolean retransmitsKnown = false;
        double jitter = 0;
        long lost = 0;
        int receivers = 0;
        for (IperfInterval.Stream stream : interval.streams()) {
            if (stream.sender()) {
                out += stream.bytes();
                if (stream.retransmits() >= 0) {
                    retransmits += stream.retransmits();
                    retransmitsKnown = true;
                }
            } else {
                in += stream.bytes();
                jitter += stream.jitterSeconds();
                lost += stream.lostPackets();
                receivers++;
            }
        }
        boolean udpReceived = udp && receivers > 0;
        return new SessionInterval(
                round(interval.end()),
                seconds > 0 ? mbps(in * 8 / seconds) : 0,
                seconds > 0 ? mbps(out * 8 / seconds) : 0,
                retransmitsKnown ? retransmits : null,
                udpReceived ? round(jitter / receivers * 1000) : null,
                udpReceived ? lost : null,
                interval.omitted());
    }

    private static double mbps(double bitsPerSecond) {
        return round(bitsPerSecond / 1e6);
    }

    /** Three decimals: enough for Mbit/s and milliseconds, and short on the wire. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
