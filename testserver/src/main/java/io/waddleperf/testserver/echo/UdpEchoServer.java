package io.waddleperf.testserver.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every datagram straight back to its sender, for RTT, jitter and loss probes.
 *
 * <p>One blocking receive loop on a dedicated platform thread: an echo does no work per packet
 * beyond the copy the kernel already makes, so a selector or a pool would only add latency. One
 * direct buffer is reused for every datagram, which keeps the loop allocation-free.
 *
 * <p>With a shared token, a datagram is echoed only when it starts with the token; anything else
 * is dropped and counted, so the port cannot reflect spoofed traffic at a third party.
 */
public final class UdpEchoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpEchoServer.class);
    /** The largest UDP payload over IPv4; anything longer cannot arrive. */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramChannel channel;
    private final Thread loop;
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final byte[] token;

    private UdpEchoServer(DatagramChannel channel, byte[] token) {
        this.channel = channel;
        this.token = token.clone();
        this.loop = Thread.ofPlatform().daemon().name("udp-echo").unstarted(this::run);
    }

    /** Binds the socket and starts answering everyone; port 0 picks a free port. */
    public static UdpEchoServer start(String bindAddress, int port) {
        return start(bindAddress, port, new byte[0]);
    }

    /** Like {@link #start(String, int)}, answering only datagrams that begin with {@code token}. */
    public static UdpEchoServer start(String bindAddress, int port, byte[] token) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            // A larger receive buffer absorbs bursts from probes that send back to back.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(new InetSocketAddress(bindAddress, port));
            UdpEchoServer server = new UdpEchoServer(channel, token);
            server.loop.start();
            log.info(
                    "UDP echo listening on {}{}",
                    channel.getLocalAddress(),
                    token.length > 0 ? " (token required)" : "");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind UDP echo to " + bindAddress + ":" + port, e);
        }
    }

    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Datagrams answered since start. */
    public long echoed() {
        return echoed.get();
    }

    /** Datagrams dropped because they did not carry the token. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                buffer.flip();
                if (!carriesToken(buffer)) {
                    dropped.incrementAndGet();
                    continue;
                }
                channel.send(buffer, sender);
                echoed.incrementAndGet();
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                // One unreachable sender (ICMP port unreachable) must not stop the echo for everyone.
                log.debug("UDP echo send failed: {}", e.getMessage());
            }
        }
    }

    /** Absolute reads: the buffer's position stays at 0 so the whole datagram is echoed, token included. */
    private boolean carriesToken(ByteBuffer datagram) {
        if (token.length == 0) {
            return true;
        }
        if (datagram.remaining() < token.length) {
            return false;
        }
        for (int i = 0; i < token.length; i++) {
            if (datagram.get(i) != token[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
            loop.join();
        } catch (IOException e) {
            log.warn("closing UDP echo failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
