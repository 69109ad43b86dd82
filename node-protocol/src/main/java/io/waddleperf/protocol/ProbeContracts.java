package io.waddleperf.protocol;

import io.waddleperf.protocol.CrossRule.MaxProduct;
import io.waddleperf.protocol.CrossRule.NotBoth;
import io.waddleperf.protocol.ParamRule.BoolParam;
import io.waddleperf.protocol.ParamRule.ChoiceParam;
import io.waddleperf.protocol.ParamRule.IntParam;
import io.waddleperf.protocol.ParamRule.TextParam;
import io.waddleperf.protocol.TargetRule.Format;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The contract of every probe type: the one place where a bound, a default or a unit is written.
 * docs/node-protocol.md describes the same table for people.
 */
public final class ProbeContracts {

    /** A run's count × interval may not exceed the longest run (SPEC section 5), shown in seconds. */
    private static final MaxProduct WITHIN_LONGEST_RUN =
            new MaxProduct("count", "intervalMillis", ProbeParams.MAX_DURATION_MILLIS, 1000, "s");

    private static final String PORT =
            "(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})";

    /** {@code host[:port]} with IPv6 literals in brackets, as {@link Targets} reads a host-port target. */
    static final String HOST_PORT_REGEX =
            "(?=.{1,261}$)(?:" + Targets.HOST_NAME + "|\\[[0-9A-Fa-f:.]+\\])(?::" + PORT + ")?";

    private static final List<String> QTYPES = List.of(
            "A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "SRV", "PTR", "CAA", "HTTPS", "SVCB", "DS", "DNSKEY");

    private static final List<ResultField> LATENCY_RESULTS = List.of(
            new ResultField("rtt.p50", "RTT p50", "ms"),
            new ResultField("rtt.p95", "RTT p95", "ms"),
            new ResultField("rtt.p99", "RTT p99", "ms"),
            new ResultField("rtt.avg", "RTT average", "ms"),
            new ResultField("rtt.min", "RTT min", "ms"),
            new ResultField("rtt.max", "RTT max", "ms"));

    private static final Map<ProbeType, ProbeContract> CONTRACTS = new EnumMap<>(ProbeType.class);

    static {
        add(new ProbeContract(
                ProbeType.TCP_CONNECT,
                new TargetRule(Format.HOST_PORT, null, "host:port, e.g. example.com:443"),
                List.of(
                        new IntParam("count", "Connections", "", 1, 1000, 10L),
                        new IntParam("intervalMillis", "Interval", "ms", 0, 10_000, 200L),
                        new IntParam("timeoutMillis", "Timeout", "ms", 100, 30_000, 3000L)),
                List.of(WITHIN_LONGEST_RUN),
                List.of(
                        new ResultField("completed", "Completed", ""),
                        new ResultField("failed", "Failed", ""),
                        new ResultField("lastRttMillis", "Last RTT", "ms")),
                concat(
                        LATENCY_RESULTS,
                        List.of(
                                new ResultField("attempted", "Attempted", ""),
                                new ResultField("succeeded", "Succeeded", ""),
                                new ResultField("refused", "Refused", ""),
                                new ResultField("timedOut", "Timed out", ""),
                                new ResultField("address", "Address", ""))),
                v -> new ProbeParams.TcpConnect(
                        integer(v, "count"), integer(v, "intervalMillis"), integer(v, "timeoutMillis"))));
        add(new ProbeContract(
                ProbeType.UDP_ECHO,
                new TargetRule(
                        Format.HOST_PORT, 2000, "host or host:port of a UDP echo (WaddlePerf nodes answer on 2000)"),
                List.of(
                        new IntParam("count", "Packets", "", 1, 10_000, 50L),
                        new IntParam("intervalMillis", "Interval", "ms", 1, 1000, 20L),
                        new IntParam("packetSize", "Packet size", "bytes", 64, 9000, 64L),
                        new IntParam("timeoutMillis", "Timeout", "ms", 100, 10_000, 1000L),
                        new TextParam("token", "Echo token", "[\\x21-\\x7e]{8,32}", "8-32 printable ASCII characters")),
                List.of(WITHIN_LONGEST_RUN),
                List.of(
                        new ResultField("sent", "Sent", "packets"),
                        new ResultField("received", "Received", "packets"),
                        new ResultField("lastRttMillis", "Last RTT", "ms")),
                concat(
                        LATENCY_RESULTS,
                        List.of(
                                new ResultField("jitterMillis", "Jitter", "ms"),
                                new ResultField("lossPercent", "Loss", "%"),
                                new ResultField("sent", "Sent", "packets"),
                                new ResultField("received", "Received", "packets"),
                                new ResultField("lost", "Lost", "packets"),
                                new ResultField("duplicates", "Duplicates", "packets"),
                                new ResultField("reordered", "Reordered", "packets"),
                                new ResultField("packetSize", "Packet size", "bytes"),
                                new ResultField("address", "Address", ""))),
                v -> new ProbeParams.UdpEcho(
                        integer(v, "count"),
                        integer(v, "intervalMillis"),
                        integer(v, "packetSize"),
                        integer(v, "timeoutMillis"),
                        text(v, "token"))));
        add(new ProbeContract(
                ProbeType.HTTP,
                new TargetRule(Format.URL, null, "an http:// or https:// URL"),
                List.of(
                        new ChoiceParam("method", "Method", List.of("GET", "HEAD"), "GET"),
                        new IntParam("timeoutMillis", "Timeout", "ms", 100, 60_000, 10_000L),
                        new BoolParam("insecure", "Accept invalid certificates", false),
                        new IntParam("maxBodyBytes", "Max body", "bytes", 0, 100L * 1024 * 1024, 1024L * 1024)),
                List.of(),
                List.of(new ResultField("phase", "Phase", "")),
                List.of(
                        new ResultField("status", "Status", ""),
                        new ResultField("totalMillis", "Total", "ms"),
                        new ResultField("ttfbMillis", "Time to first byte", "ms"),
                        new ResultField("dnsMillis", "DNS lookup", "ms"),
                        new ResultField("connectMillis", "Connect", "ms"),
                        new ResultField("tlsMillis", "TLS handshake", "ms"),
                        new ResultField("httpVersion", "HTTP version", ""),
                        new ResultField("bodyBytes", "Body", "bytes"),
                        new ResultField("tlsVersion", "TLS version", ""),
                        new ResultField("certificateDaysLeft", "Certificate expires in", "days"),
                        new ResultField("address", "Address", "")),
                v -> new ProbeParams.Http(
                        text(v, "method"),
                        integer(v, "timeoutMillis"),
                        bool(v, "insecure"),
                        number(v, "maxBodyBytes"))));
        add(new ProbeContract(
                ProbeType.DNS,
                new TargetRule(Format.DNS_NAME, null, "the name to resolve, e.g. example.com"),
                List.of(
                        new TextParam("resolver", "Resolver", HOST_PORT_REGEX, "host or host:port (IPv6 in brackets)"),
                        new ChoiceParam("qtype", "Query type", QTYPES, "A"),
                        new IntParam("timeoutMillis", "Timeout", "ms", 100, 30_000, 3000L),
                        new BoolParam("tcp", "Query over TCP", false)),
                List.of(),
                List.of(new ResultField("phase", "Phase", "")),
                List.of(
                        new ResultField("timeMillis", "Query time", "ms"),
                        new ResultField("rcode", "Response code", ""),
                        new ResultField("answerCount", "Answers", ""),
                        new ResultField("qtype", "Query type", ""),
                        new ResultField("resolver", "Resolver", ""),
                        new ResultField("transport", "Transport", "")),
                v -> new ProbeParams.Dns(
                        text(v, "resolver"), text(v, "qtype"), integer(v, "timeoutMillis"), bool(v, "tcp"))));
        add(new ProbeContract(
                ProbeType.SSH,
                new TargetRule(Format.HOST_PORT, 22, "host or host:port of an SSH server (22 by default)"),
                List.of(new IntParam("timeoutMillis", "Timeout", "ms", 100, 30_000, 5000L)),
                List.of(),
                List.of(new ResultField("phase", "Phase", "")),
                List.of(
                        new ResultField("totalMillis", "Total", "ms"),
                        new ResultField("connectMillis", "Connect", "ms"),
                        new ResultField("bannerMillis", "Banner", "ms"),
                        new ResultField("keyExchangeMillis", "Key exchange", "ms"),
                        new ResultField("banner", "Server banner", ""),
                        new ResultField("kexAlgorithm", "Key exchange algorithm", ""),
                        new ResultField("hostKeyAlgorithm", "Host key algorithm", ""),
                        new ResultField("address", "Address", "")),
                v -> new ProbeParams.Ssh(integer(v, "timeoutMillis"))));
        add(new ProbeContract(
                ProbeType.THROUGHPUT,
                new TargetRule(Format.HOST_PORT, 5201, "host or host:port of an iperf3 server (5201 by default)"),
                List.of(
                        new ChoiceParam("protocol", "Protocol", List.of("tcp", "udp"), "tcp"),
                        new IntParam("durationSeconds", "Duration", "s", 1, 300, 10L),
                        new IntParam("streams", "Parallel streams", "", 1, 128, 1L),
                        new IntParam("packetSize", "Packet size", "bytes", 64, 9000, null),
                        new IntParam(
                                "bandwidthBitsPerSecond",
                                "Bandwidth limit per stream",
                                "bit/s",
                                0,
                                100_000_000_000L,
                                null),
                        new IntParam("omitSeconds", "Omit first", "s", 0, 10, 0L),
                        new BoolParam("reverse", "Reverse (node receives)", false),
                        new BoolParam("bidirectional", "Bidirectional", false),
                        // The node measures latency under load by UDP echo to this port of the target.
                        new IntParam("echoPort", "Echo port for latency under load", "", 1, 65_535, 2000L),
                        // Header-only, the test's own flows; the node hands the pcap to the API.
                        new BoolParam("capture", "Capture packet headers", false)),
                List.of(new NotBoth("reverse", "bidirectional")),
                List.of(
                        new ResultField("sentMbps", "Sent", "Mbit/s"),
                        new ResultField("receivedMbps", "Received", "Mbit/s"),
                        new ResultField("rttMillis", "RTT under load", "ms"),
                        new ResultField("jitterMillis", "Jitter", "ms"),
                        new ResultField("lostPackets", "Lost", "packets"),
                        // TCP_INFO of the node's sending streams, in iperf3's units; null without it.
                        new ResultField("retransmits", "Retransmits", ""),
                        new ResultField("sndCwndBytes", "Congestion window", "bytes"),
                        new ResultField("sndWndBytes", "Send window", "bytes"),
                        new ResultField("tcpRttMicros", "TCP RTT", "µs"),
                        new ResultField("tcpRttvarMicros", "TCP RTT variance", "µs"),
                        new ResultField("pmtuBytes", "Path MTU", "bytes")),
                List.of(
                        new ResultField("uploadMbps", "Upload", "Mbit/s"),
                        new ResultField("downloadMbps", "Download", "Mbit/s"),
                        new ResultField("retransmits", "Retransmits", ""),
                        new ResultField("lossPercent", "Loss", "%"),
                        new ResultField("jitterMillis", "Jitter", "ms"),
                        new ResultField("latencyUnderLoad.p50", "Latency under load p50", "ms"),
                        new ResultField("latencyUnderLoad.p95", "Latency under load p95", "ms"),
                        new ResultField("protocol", "Protocol", ""),
                        new ResultField("streams", "Streams", ""),
                        new ResultField("durationSeconds", "Duration", "s"),
                        new ResultField("sentBytes", "Sent", "bytes"),
                        new ResultField("receivedBytes", "Received", "bytes"),
                        new ResultField("latencyUnderLoadNote", "Latency under load", ""),
                        new ResultField("captureNote", "Packet capture", ""),
                        // The node's own TCP_INFO over the test for what it sent; absent without it.
                        new ResultField("tcp.maxSndCwndBytes", "Largest congestion window", "bytes"),
                        new ResultField("tcp.maxSndWndBytes", "Largest send window", "bytes"),
                        new ResultField("tcp.meanRttMicros", "Mean TCP RTT", "µs"),
                        new ResultField("tcp.pmtuBytes", "Path MTU", "bytes")),
                v -> new ProbeParams.Throughput(
                        text(v, "protocol"),
                        integer(v, "durationSeconds"),
                        integer(v, "streams"),
                        v.get("packetSize") == null ? null : integer(v, "packetSize"),
                        v.get("bandwidthBitsPerSecond") == null ? null : number(v, "bandwidthBitsPerSecond"),
                        integer(v, "omitSeconds"),
                        bool(v, "reverse"),
                        bool(v, "bidirectional"),
                        integer(v, "echoPort"),
                        bool(v, "capture"))));
    }

    private ProbeContracts() {}

    public static ProbeContract of(ProbeType type) {
        return CONTRACTS.get(type);
    }

    /** Every contract, in {@link ProbeType} order. */
    public static List<ProbeContract> all() {
        return List.copyOf(CONTRACTS.values());
    }

    /** The types a run spec may name, for messages. */
    public static List<String> wireNames() {
        return CONTRACTS.keySet().stream().map(ProbeType::wireName).toList();
    }

    private static void add(ProbeContract contract) {
        CONTRACTS.put(contract.type(), contract);
    }

    private static List<ResultField> concat(List<ResultField> a, List<ResultField> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static int integer(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).intValue();
    }

    private static long number(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).longValue();
    }

    private static boolean bool(Map<String, Object> values, String name) {
        return (Boolean) values.get(name);
    }

    private static @Nullable String text(Map<String, Object> values, String name) {
        return (String) values.get(name);
    }
}
