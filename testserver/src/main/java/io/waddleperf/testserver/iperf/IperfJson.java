package io.waddleperf.testserver.iperf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of the control channel: the client's parameters and both sides' results.
 *
 * <p>Everything a peer sends goes through {@link #parse}, which turns every way JSON can be wrong
 * into an {@link IperfProtocolException}; callers never see a Jackson exception.
 */
public final class IperfJson {

    /**
     * Tight reader limits on top of the length cap: a hostile document cannot nest deeply or
     * smuggle huge numbers, and a duplicated key is refused rather than silently resolved.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(64)
                            .maxStringLength(8192)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * Builds the JSON machinery now. Left to the first client, Jackson's start-up (hundreds of
     * milliseconds on a busy node) would be spent inside that client's idle timeout.
     */
    public static void warmUp() {
        MAPPER.readTree("{\"tcp\":true}");
        MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("warm", 1));
    }

    /** Parses one JSON message body; only a JSON object is a valid iperf3 message. */
    public static JsonNode parse(byte[] body, int errorCode) throws IperfProtocolException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            // Jackson 3 throws unchecked JacksonException subtypes; nothing else may escape either.
            throw new IperfProtocolException(errorCode, "invalid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new IperfProtocolException(errorCode, "JSON message is not an object");
        }
        return node;
    }

    /**
     * Reads an integer the way iperf3's cJSON does, with its 3.12 quirk: negative int64 values are
     * printed as unsigned, so -1 arrives as 18446744073709551615. Anything in [2^63, 2^64) is
     * therefore read back as the negative number it was; fractions are truncated as C does.
     */
    static long integer(JsonNode node, String key) throws IperfProtocolException {
        if (!node.isNumber()) {
            throw new IperfProtocolException(Wire.IERECVPARAMS, key + " is not a number");
        }
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.bitLength() <= 63 || (value.signum() > 0 && value.compareTo(TWO_TO_64) < 0)) {
                return value.longValue();
            }
            throw new IperfProtocolException(Wire.IERECVPARAMS, key + " is out of range");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IperfProtocolException(Wire.IERECVPARAMS, key + " is not finite");
        }
        return (long) value;
    }

    static double decimal(JsonNode node, String key) throws IperfProtocolException {
        if (!node.isNumber()) {
            throw new IperfProtocolException(Wire.IERECVRESULTS, key + " is not a number");
        }
        if (node.isIntegralNumber()) {
            return integer(node, key);
        }
        return node.doubleValue();
    }

    /** What the client reports about its side: its CPU load and, per stream, what it counted. */
    public record PeerResults(
            double cpuTotal, double cpuUser, double cpuSystem, long senderHasRetransmits, List<PeerStream> streams) {}

    /** One stream as the client counted it; {@code bytes} is sent or received, whichever it did. */
    public record PeerStream(int id, long bytes, long retransmits, double jitter, long errors, long packets) {}

    /** Checks the peer's results the way iperf3 does: every field it relies on must be there. */
    public static PeerResults parsePeerResults(byte[] body, int maxStreams) throws IperfProtocolException {
        JsonNode json = parse(body, Wire.IERECVRESULTS);
        double cpuTotal = decimal(required(json, "cpu_util_total"), "cpu_util_total");
        double cpuUser = decimal(required(json, "cpu_util_user"), "cpu_util_user");
        double cpuSystem = decimal(required(json, "cpu_util_system"), "cpu_util_system");
        long senderHasRetransmits = (long) decimal(required(json, "sender_has_retransmits"), "sender_has_retransmits");
        JsonNode streams = required(json, "streams");
        if (!streams.isArray() || streams.size() > maxStreams) {
            throw new IperfProtocolException(Wire.IERECVRESULTS, "results have no valid stream list");
        }
        List<PeerStream> parsed = new ArrayList<>(streams.size());
        for (JsonNode stream : streams.values()) {
            if (!stream.isObject()) {
                throw new IperfProtocolException(Wire.IERECVRESULTS, "stream result is not an object");
            }
            long id = integer(required(stream, "id"), "id");
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new IperfProtocolException(Wire.IESTREAMID, "stream id " + id + " is invalid");
            }
            parsed.add(new PeerStream(
                    (int) id,
                    integer(required(stream, "bytes"), "bytes"),
                    integer(required(stream, "retransmits"), "retransmits"),
                    decimal(required(stream, "jitter"), "jitter"),
                    integer(required(stream, "errors"), "errors"),
                    integer(required(stream, "packets"), "packets")));
        }
        return new PeerResults(cpuTotal, cpuUser, cpuSystem, senderHasRetransmits, List.copyOf(parsed));
    }

    /** One of our streams as the client expects it in our results. */
    record StreamReport(
            int id, long bytes, long retransmits, double jitter, long errors, long packets, double endTime) {}

    public static byte[] serverResults(
            double cpuTotal, double cpuUser, double cpuSystem, int senderHasRetransmits, List<StreamReport> streams) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("cpu_util_total", cpuTotal);
        json.put("cpu_util_user", cpuUser);
        json.put("cpu_util_system", cpuSystem);
        json.put("sender_has_retransmits", senderHasRetransmits);
        ArrayNode array = json.putArray("streams");
        for (StreamReport stream : streams) {
            array.addObject()
                    .put("id", stream.id())
                    .put("bytes", stream.bytes())
                    .put("retransmits", stream.retransmits())
                    .put("jitter", stream.jitter())
                    .put("errors", stream.errors())
                    .put("packets", stream.packets())
                    .put("start_time", 0.0)
                    .put("end_time", stream.endTime());
        }
        return MAPPER.writeValueAsBytes(json);
    }

    private static JsonNode required(JsonNode json, String key) throws IperfProtocolException {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            throw new IperfProtocolException(Wire.IERECVRESULTS, "results lack " + key);
        }
        return node;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private IperfJson() {}
}
