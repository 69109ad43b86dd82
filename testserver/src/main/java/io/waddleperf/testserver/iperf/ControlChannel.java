package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Framing of the iperf3 control connection: one-byte states and length-prefixed JSON.
 *
 * <p>Reads are bounded before anything is allocated: a JSON length is checked against the caller's
 * cap first, so a peer announcing 2 GB costs four bytes of reading and nothing else. The end of the
 * stream is a protocol error like any other, which keeps the caller's error handling in one place.
 * Not thread-safe for concurrent readers; one writer at a time is the caller's business.
 */
public final class ControlChannel {

    private final ByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(Integer.BYTES);

    public ControlChannel(ByteChannel channel) {
        this.channel = channel;
    }

    public byte readState() throws IOException, IperfProtocolException {
        header.clear().limit(1);
        readFully(header);
        return header.get(0);
    }

    /** Reads one JSON message body of at most {@code maxLength} bytes. */
    public byte[] readJson(int maxLength, int errorCode) throws IOException, IperfProtocolException {
        header.clear();
        readFully(header);
        long length = Integer.toUnsignedLong(header.getInt(0));
        if (length == 0 || length > maxLength) {
            throw new IperfProtocolException(
                    errorCode, "JSON length " + length + " outside 1.." + maxLength + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate((int) length);
        readFully(body);
        return body.array();
    }

    public void writeState(byte... states) throws IOException {
        writeFully(ByteBuffer.wrap(states));
    }

    /** Writes a JSON message, optionally followed by state bytes in the same segment. */
    public void writeJson(byte[] body, byte... thenStates) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body.length + thenStates.length);
        frame.putInt(body.length).put(body).put(thenStates).flip();
        writeFully(frame);
    }

    /** SERVER_ERROR, then iperf3's i_errno and errno as big-endian int32 (errno is always 0 here). */
    public void writeServerError(int errorCode) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(1 + 2 * Integer.BYTES);
        frame.put(Wire.SERVER_ERROR).putInt(errorCode).putInt(0).flip();
        writeFully(frame);
    }

    private void readFully(ByteBuffer buffer) throws IOException, IperfProtocolException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IperfProtocolException(Wire.IECTRLCLOSE, "control connection closed by the client");
            }
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
