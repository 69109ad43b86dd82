package io.waddleperf.testserver.iperf.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.testserver.iperf.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-driven iperf3 peer for the cases the stock client never produces: garbage, silence,
 * lies about lengths, streams that stop halfway. Every read times out, so a test cannot hang.
 */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawClient connect(int port) throws IOException {
        return new RawClient(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A cookie as iperf3 makes them: 36 characters of its alphabet. */
    static String newCookie() {
        StringBuilder cookie = new StringBuilder();
        for (int i = 0; i < 36; i++) {
            cookie.append(
                    Wire.COOKIE_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(32)));
        }
        return cookie.toString();
    }

    RawClient sendCookie(String cookie) throws IOException {
        out.write(cookie.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        return this;
    }

    RawClient send(byte... bytes) throws IOException {
        out.write(bytes);
        return this;
    }

    RawClient sendLength(int length) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(length).array());
        return this;
    }

    RawClient sendJson(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        sendLength(body.length);
        out.write(body);
        return this;
    }

    int readState() throws IOException {
        return in.readByte();
    }

    int readInt() throws IOException {
        return in.readInt();
    }

    String readJson() throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads until the server closes the connection; fails if it is still open after 5 s. */
    void assertClosedByServer() throws IOException {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // Discard whatever the server still had queued.
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (SocketException reset) {
            // A reset is a close too: the server discarded data we had sent.
        }
    }

    /** SERVER_ERROR, then the i_errno the stock client would print, then the end of the connection. */
    void assertServerError(int errorCode) throws IOException {
        assertThat(readState()).isEqualTo(Wire.SERVER_ERROR);
        assertThat(readInt()).isEqualTo(errorCode);
        assertThat(readInt()).isZero();
        assertClosedByServer();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
