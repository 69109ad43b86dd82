package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a peer sends, the control-message parser either understands it or throws {@link
 * IperfProtocolException}; any other exception fails the property. That is what lets the control
 * thread turn every bad input into one log line and a clean close.
 */
class ControlMessageFuzzTests {

    private static final String[] KNOWN_KEYS = {
        "tcp",
        "udp",
        "sctp",
        "omit",
        "time",
        "num",
        "blockcount",
        "parallel",
        "reverse",
        "bidirectional",
        "len",
        "bandwidth",
        "pacing_timer",
        "burst",
        "window",
        "TOS",
        "nodelay",
        "udp_counters_64bit",
        "client_version",
        "cpu_util_total",
        "cpu_util_user",
        "cpu_util_system",
        "sender_has_retransmits",
        "streams",
        "id",
        "bytes",
        "retransmits",
        "jitter",
        "errors",
        "packets",
        "start_time",
        "end_time"
    };

    @Property(tries = 3000)
    void randomBytesOnTheControlConnection(@ForAll @Size(max = 80) byte[] input) throws IOException {
        ControlChannel channel = ControlChannelTests.over(input);
        try {
            // The messages a server reads, in the order it reads them, until the input runs out.
            while (true) {
                channel.readState();
                parseAsEverything(channel.readJson(8192, Wire.IERECVPARAMS));
            }
        } catch (IperfProtocolException expected) {
            // The only way out.
        }
    }

    @Property(tries = 3000)
    void randomBytesAsAJsonBody(@ForAll @Size(min = 1, max = 200) byte[] body) {
        parseAsEverything(body);
    }

    @Property(tries = 5000)
    void randomJsonDocuments(@ForAll("documents") String json) {
        parseAsEverything(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void randomCookies(@ForAll @Size(Wire.COOKIE_SIZE) byte[] cookie) {
        try {
            Wire.cookie(cookie);
        } catch (IperfProtocolException expected) {
            // Refused, as it should be unless it happens to be a valid cookie.
        }
    }

    private static void parseAsEverything(byte[] body) {
        try {
            TestParameters.parse(IperfJson.parse(body, Wire.IERECVPARAMS), Duration.ofSeconds(300));
        } catch (IperfProtocolException expected) {
            // Refused.
        }
        try {
            IperfJson.parsePeerResults(body, 4);
        } catch (IperfProtocolException expected) {
            // Refused.
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return object(3);
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of(KNOWN_KEYS), Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> entries =
                Combinators.combine(keys, value(depth)).as((key, value) -> quote(key) + ":" + value);
        return entries.list().ofMaxSize(10).map(list -> "{" + String.join(",", list) + "}");
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TWO.pow(62), BigInteger.TWO.pow(66))
                        .map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e400", "-1e400", "-0", "18446744073709551615", "0.5"),
                Arbitraries.strings().ofMaxLength(8).map(ControlMessageFuzzTests::quote));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1))
                .list()
                .ofMaxSize(5)
                .map(list -> "[" + String.join(",", list) + "]");
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
