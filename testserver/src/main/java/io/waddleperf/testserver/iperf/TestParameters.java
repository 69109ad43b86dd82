package io.waddleperf.testserver.iperf;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The client's parameter JSON, checked against iperf3's limits and the node's maximum duration.
 *
 * @param bytes {@code -n}, 0 when the test ends by time or blocks
 * @param blocks {@code -k}, 0 when the test ends by time or bytes
 * @param blockSize {@code -l}: bytes per write, and the UDP datagram size
 * @param bandwidth {@code -b} in bit/s per stream; 0 is unlimited
 * @param window {@code -w} socket buffer size, 0 to leave the kernel's autotuning alone
 * @param extraData the client's {@code --extra-data} (iperf3 keeps it with the test's results),
 *     at most {@link #MAX_EXTRA_DATA} characters; null when the client sent none
 */
public record TestParameters(
        IperfTransport transport,
        IperfRole role,
        int parallel,
        int durationSeconds,
        int omitSeconds,
        long bytes,
        long blocks,
        int blockSize,
        long bandwidth,
        int pacingTimerMicros,
        int burst,
        int window,
        boolean noDelay,
        int tos,
        boolean udpCounters64,
        String clientVersion,
        @Nullable String extraData) {

    /** Longer extra data is cut: it is only relayed, and a client must not make us keep a novel. */
    public static final int MAX_EXTRA_DATA = 256;

    /** With {@code --bidir} the client opens its P sending streams, then P receiving ones. */
    public int streamCount() {
        return role == IperfRole.BIDIRECTIONAL ? 2 * parallel : parallel;
    }

    /** Whether the {@code index}-th accepted stream is one this server writes to. */
    public boolean serverSends(int index) {
        return switch (role) {
            case RECEIVER -> false;
            case SENDER -> true;
            case BIDIRECTIONAL -> index >= parallel;
        };
    }

    public static TestParameters parse(JsonNode json, Duration maxDuration) throws IperfProtocolException {
        if (json.has("sctp")) {
            throw new IperfProtocolException(Wire.IENOSCTP, "SCTP is not supported");
        }
        IperfTransport transport = json.has("udp") ? IperfTransport.UDP : IperfTransport.TCP;
        boolean reverse = json.has("reverse");
        boolean bidirectional = json.has("bidirectional");
        if (reverse && bidirectional) {
            throw new IperfProtocolException(Wire.IEREVERSEBIDIR, "reverse and bidirectional both set");
        }
        IperfRole role = bidirectional ? IperfRole.BIDIRECTIONAL : reverse ? IperfRole.SENDER : IperfRole.RECEIVER;

        int omit = (int) bounded(json, "omit", 0, 0, Wire.MAX_OMIT, Wire.IEOMIT);
        int duration = (int) bounded(json, "time", 0, 0, maxDuration.toSeconds(), Wire.IEDURATION);
        long bytes = bounded(json, "num", 0, 0, Long.MAX_VALUE, Wire.IERECVPARAMS);
        long blocks = bounded(json, "blockcount", 0, 0, Long.MAX_VALUE, Wire.IERECVPARAMS);
        int parallel = (int) bounded(json, "parallel", 1, 1, Wire.MAX_STREAMS, Wire.IENUMSTREAMS);
        int blockSize = transport == IperfTransport.UDP
                ? (int) bounded(
                        json,
                        "len",
                        Wire.DEFAULT_UDP_BLOCKSIZE,
                        Wire.MIN_UDP_BLOCKSIZE,
                        Wire.MAX_UDP_BLOCKSIZE,
                        Wire.IEUDPBLOCKSIZE)
                : (int) bounded(json, "len", Wire.DEFAULT_TCP_BLOCKSIZE, 1, Wire.MAX_BLOCKSIZE, Wire.IEBLOCKSIZE);
        // The client sends its 1 Mbit/s UDP default itself; an absent rate is -b 0, unlimited.
        long bandwidth = bounded(json, "bandwidth", 0, 0, Long.MAX_VALUE, Wire.IERECVPARAMS);
        int pacingTimer =
                (int) bounded(json, "pacing_timer", Wire.DEFAULT_PACING_TIMER_US, 0, 1_000_000, Wire.IERECVPARAMS);
        int burst = (int) bounded(json, "burst", 0, 0, Wire.MAX_BURST, Wire.IEBURST);
        int window = (int) bounded(json, "window", 0, 0, Wire.MAX_TCP_BUFFER, Wire.IEBUFSIZE);
        int tos = (int) bounded(json, "TOS", 0, 0, 255, Wire.IEBADTOS);
        JsonNode version = json.get("client_version");
        String clientVersion = version != null && version.isString()
                ? version.stringValue()
                        .substring(0, Math.min(32, version.stringValue().length()))
                : "unknown";
        JsonNode extra = json.get("extra_data");
        String extraData = extra != null && extra.isString()
                ? extra.stringValue()
                        .substring(
                                0, Math.min(MAX_EXTRA_DATA, extra.stringValue().length()))
                : null;
        return new TestParameters(
                transport,
                role,
                parallel,
                duration,
                omit,
                bytes,
                blocks,
                blockSize,
                bandwidth,
                // iperf3 treats 0 as "not set"; a 0 µs timer would turn pacing into a busy loop.
                pacingTimer == 0 ? Wire.DEFAULT_PACING_TIMER_US : pacingTimer,
                burst,
                window,
                json.has("nodelay"),
                tos,
                json.has("udp_counters_64bit"),
                clientVersion,
                extraData);
    }

    private static long bounded(JsonNode json, String key, long absent, long min, long max, int errorCode)
            throws IperfProtocolException {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            return absent;
        }
        long value = IperfJson.integer(node, key);
        if (value < min || value > max) {
            throw new IperfProtocolException(
                    errorCode, "parameter " + key + "=" + value + " outside " + min + ".." + max);
        }
        return value;
    }
}
