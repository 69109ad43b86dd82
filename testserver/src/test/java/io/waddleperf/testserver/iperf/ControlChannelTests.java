package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.junit.jupiter.api.Test;

class ControlChannelTests {

    @Test
    void readsALengthPrefixedJsonMessage() throws Exception {
        ControlChannel channel = over(
                ByteBuffer.allocate(6).putInt(2).put((byte) '{').put((byte) '}').array());

        assertThat(channel.readJson(100, Wire.IERECVPARAMS)).containsExactly('{', '}');
    }

    @Test
    void refusesALengthOverTheCapBeforeReadingAnyOfIt() {
        // Announces 2 GB and sends nothing after: a read attempt would hit the end of the input.
        ControlChannel channel = over(new byte[] {(byte) 0x80, 0, 0, 0});

        assertThatThrownBy(() -> channel.readJson(8192, Wire.IERECVPARAMS))
                .isInstanceOf(IperfProtocolException.class)
                .hasMessageContaining("JSON length 2147483648 outside 1..8192");
    }

    @Test
    void treatsTheEndOfTheConnectionAsAProtocolError() {
        ControlChannel channel = over(new byte[] {0, 0, 0, 10, '{'});

        assertThatThrownBy(() -> channel.readJson(8192, Wire.IERECVPARAMS))
                .isInstanceOfSatisfying(
                        IperfProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(Wire.IECTRLCLOSE));
    }

    @Test
    void writesServerErrorAsIperf3ReadsIt() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ControlChannel channel = new ControlChannel(
                duplex(Channels.newChannel(new ByteArrayInputStream(new byte[0])), Channels.newChannel(written)));

        channel.writeServerError(Wire.IEDURATION);

        assertThat(written.toByteArray()).containsExactly(-2, 0, 0, 0, 5, 0, 0, 0, 0);
    }

    static ControlChannel over(byte[] input) {
        return new ControlChannel(duplex(
                Channels.newChannel(new ByteArrayInputStream(input)),
                Channels.newChannel(new ByteArrayOutputStream())));
    }

    private static ByteChannel duplex(ReadableByteChannel in, WritableByteChannel out) {
        return new ByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return in.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return out.write(src);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
