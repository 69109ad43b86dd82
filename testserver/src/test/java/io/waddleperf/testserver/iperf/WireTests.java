package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WireTests {

    @Test
    void acceptsACookieMadeTheWayIperf3MakesThem() throws Exception {
        String text = "abcdefghijklmnopqrstuvwxyz2345677654";

        assertThat(Wire.cookie((text + "\0").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(text);
    }

    @Test
    void refusesCookiesOutsideIperf3sAlphabetOrWithoutTheTerminator() {
        assertThatThrownBy(() -> Wire.cookie(
                        ("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + "\0").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IperfProtocolException.class);
        assertThatThrownBy(
                        () -> Wire.cookie("abcdefghijklmnopqrstuvwxyz2345677654x".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IperfProtocolException.class);
    }

    @Test
    void numbersStreamsSkippingTwo() {
        assertThat(IntStream.range(0, 5).map(Wire::streamId)).containsExactly(1, 3, 4, 5, 6);
    }

    @Test
    void udpHellosAreTheAsciiDigitsSeenOnTheWire() {
        assertThat(new String(Wire.UDP_CONNECT_MSG, StandardCharsets.US_ASCII)).isEqualTo("9876");
        assertThat(new String(Wire.UDP_CONNECT_REPLY, StandardCharsets.US_ASCII))
                .isEqualTo("6789");
    }
}
