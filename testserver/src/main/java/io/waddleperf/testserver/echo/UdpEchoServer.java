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
 */
public final class UdpEchoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpEchoServer.class);
    /** The largest UDP payload over IPv4; anything longer cannot arrive. */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramChannel channel;
    private final Thread loop;
    private final AtomicLong echoed = new AtomicLong();

    private UdpEchoServer(DatagramChannel channel) {
        this.channel = channel;
        this.loop = Thread.ofPlatform().daemon().name("udp-echo").unstarted(this::run);
    }

    /** Binds the socket and starts answering; port 0 picks a free port. */
    public static UdpEchoServer start(String bindAddress, int port) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            // A larger receive buffer absorbs bursts from probes that send back to back.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(new InetSocketAddress(bindAddress, port));
            UdpEchoServer server = new UdpEchoServer(channel);
            server.loop.start();
            log.info("UDP echo listening on {}", channel.getLocalAddress());
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

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                buffer.flip();
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
