package io.waddleperf.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A DNS server on loopback that answers every A question with 127.0.0.1 and every other question
 * with no records, so DNS probes in tests never leave the machine.
 */
public final class LoopbackDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;

    public LoopbackDns() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofVirtual().start(this::serve);
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(Arrays.copyOf(query.getData(), query.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** RFC 1035 section 4: the header and question echoed, then one A record for a type-A question. */
    static byte[] answer(byte[] query) {
        if (query.length < 17) {
            return null;
        }
        int end = 12;
        while (end < query.length && query[end] != 0) {
            end += (query[end] & 0xff) + 1;
        }
        end += 5; // the root label, QTYPE, QCLASS
        if (end > query.length) {
            return null;
        }
        int qtype = ((query[end - 4] & 0xff) << 8) | (query[end - 3] & 0xff);
        boolean a = qtype == 1;
        ByteBuffer out = ByteBuffer.allocate(end + 16);
        out.put(query, 0, 2); // id
        out.putShort((short) 0x8180); // a response, recursion desired and available, no error
        out.putShort((short) 1); // QDCOUNT
        out.putShort((short) (a ? 1 : 0)); // ANCOUNT
        out.putShort((short) 0);
        out.putShort((short) 0);
        out.put(query, 12, end - 12);
        if (a) {
            out.putShort((short) 0xC00C); // the question's name
            out.putShort((short) 1); // A
            out.putShort((short) 1); // IN
            out.putInt(60);
            out.putShort((short) 4);
            out.put(new byte[] {127, 0, 0, 1});
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    @Override
    public void close() {
        socket.close();
        thread.interrupt();
    }
}
