package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiving {@link TcpStream} over a loopback connection, with the discarding receive where this
 * JVM has it (Linux, the JDK 22+ build): it counts what the peer sent without copying it, and every
 * way of stopping it from another thread wakes it from {@code recv} and closes the connection.
 */
class DiscardingReceiveTests {

    private static final int BLOCK = 128 * 1024;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Owner owner = new Owner(new Watchdog(timer, 20));
    private ServerSocketChannel listener;
    private SocketChannel peer;
    private SocketChannel ours;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = SocketChannel.open(listener.getLocalAddress());
        ours = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        ours.close();
        listener.close();
        owner.watchdog.close();
        timer.shutdownNow();
    }

    @Test
    void isAvailableOnLinuxWithTheJdk22Build() {
        assumeThat(System.getProperty("os.name", "").toLowerCase(Locale.ROOT)).startsWith("linux");
        assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(22);
        assumeThat(System.getProperty(DiscardingReceive.SWITCH, "true")).isEqualTo("true");
        // Otherwise every other test here would quietly test the plain read instead.
        assertThat(DiscardingReceive.available()).isTrue();
    }

    @Test
    void countsExactlyTheBytesThePeerSentWithoutCopyingThem() throws IOException {
        TcpStream stream = new TcpStream(owner, 1, false, ours);
        stream.start();
        // Not a multiple of any read size, so a miscounted last read would show.
        long total = 37L * BLOCK + 12_345;
        sendFiller(total);
        peer.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> owner.ended.get() == 1);
        assertThat(stream.bytes()).isEqualTo(total);
        assertThat(owner.failures).isEmpty();
        if (DiscardingReceive.available()) {
            // The pool hands back the buffer the stream had, which a copying read would have filled.
            ByteBuffer used = owner.buffers.acquire(TcpStream.transferSize(1));
            boolean untouched = true;
            while (used.hasRemaining()) {
                untouched &= used.get() == 0;
            }
            assertThat(untouched)
                    .as("no received byte copied into the stream's buffer")
                    .isTrue();
        }
    }

    /**
     * The JDK sets a socket's descriptor non-blocking for good once a virtual thread has used it
     * (SocketChannelImpl's forcedNonBlocking), where a native recv would not wait; the stream then
     * reads with Java's read, which does.
     */
    @Test
    void aSocketAVirtualThreadHasReadIsReadAsUsualAndCountedExactly() throws Exception {
        peer.write(ByteBuffer.wrap(new byte[] {1}));
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                ours.read(ByteBuffer.allocate(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reader.join(Duration.ofSeconds(5));
        TcpStream stream = new TcpStream(owner, 1, false, ours);
        stream.start();
        sendFiller(3L * BLOCK);
        // All taken: the next receive finds nothing, which a non-blocking descriptor answers with
        // EAGAIN instead of waiting, and what follows has to be waited for.
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.bytes() == 3L * BLOCK);
        sendFiller(2L * BLOCK + 77);
        peer.close();
        long total = 5L * BLOCK + 77;

        await().atMost(Duration.ofSeconds(10)).until(() -> owner.ended.get() == 1);
        assertThat(stream.bytes()).isEqualTo(total);
        assertThat(owner.failures).isEmpty();
        if (DiscardingReceive.available()) {
            ByteBuffer used = owner.buffers.acquire(TcpStream.transferSize(1));
            assertThat(used.get(0)).as("read into the buffer, not discarded").isEqualTo((byte) 0x5a);
        }
    }

    @Test
    void stopWakesAStreamBlockedInItsReceiveAndThePeerSeesTheClose() throws IOException {
        TcpStream stream = new TcpStream(owner, 1, false, ours);
        stream.start();
        peer.write(ByteBuffer.allocate(1000));
        // Everything sent is taken: the stream now waits in recv for more that never comes.
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.bytes() == 1000);

        stream.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.running());
        assertThat(ours.isOpen()).isFalse();
        assertPeerSeesTheClose();
        // A stop is the test's doing, not a failure of the stream.
        assertThat(owner.failures).isEmpty();
        assertThat(owner.ended).hasValue(0);
    }

    @Test
    void watchdogStopsAStreamBlockedInItsReceiveAsAFailure() throws IOException {
        owner.idleNanos = TimeUnit.MILLISECONDS.toNanos(300);
        TcpStream stream = new TcpStream(owner, 1, false, ours);
        stream.start();
        peer.write(ByteBuffer.allocate(1000));

        await().atMost(Duration.ofSeconds(10)).until(() -> !owner.failures.isEmpty());

        assertThat(owner.failures).singleElement().asString().startsWith("no progress receiving data for");
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.running());
        assertPeerSeesTheClose();
    }

    @Test
    void stopEndsAStreamWhoseReceiveKeepsFindingData() throws IOException, InterruptedException {
        TcpStream stream = new TcpStream(owner, 1, false, ours);
        stream.start();
        // A peer that never stops: Linux still queues data after SHUT_RD, so only the stop flag
        // can end this loop.
        Thread sender = Thread.ofPlatform().start(() -> {
            ByteBuffer data = ByteBuffer.allocateDirect(BLOCK);
            try {
                while (true) {
                    data.clear();
                    peer.write(data);
                }
            } catch (IOException e) {
                // Our close reached it: what the test waits for.
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.bytes() > 10L * BLOCK);

        stream.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.running());
        sender.join(Duration.ofSeconds(5));
        assertThat(sender.isAlive()).as("the peer's writes fail once we closed").isFalse();
        assertThat(owner.failures).isEmpty();
    }

    /** Sends {@code total} bytes of 0x5a, which a buffer the stream copied into would show. */
    private void sendFiller(long total) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(BLOCK);
        while (data.hasRemaining()) {
            data.put((byte) 0x5a);
        }
        long sent = 0;
        while (sent < total) {
            data.clear().limit((int) Math.min(BLOCK, total - sent));
            sent += peer.write(data);
        }
    }

    /** The peer's next read ends: a FIN, or a reset where unread data was left behind. */
    private void assertPeerSeesTheClose() throws IOException {
        peer.socket().setSoTimeout(5000);
        InputStream in = peer.socket().getInputStream();
        int first;
        try {
            first = in.read();
        } catch (SocketException reset) {
            first = -1;
        }
        assertThat(first).isEqualTo(-1);
    }

    /** The test a stream belongs to, reduced to what a stream asks of it. */
    private static final class Owner implements StreamOwner {

        final Watchdog watchdog;
        final BufferPool buffers = new BufferPool(64L * 1024 * 1024);
        final AtomicInteger ended = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final long omitEnd = System.nanoTime();
        /** Long enough that only the watchdog test, which shortens it, ever sees it fire. */
        volatile long idleNanos = TimeUnit.SECONDS.toNanos(60);

        Owner(Watchdog watchdog) {
            this.watchdog = watchdog;
        }

        @Override
        public String id() {
            return "discard-test";
        }

        @Override
        public TestParameters parameters() {
            return new TestParameters(
                    IperfTransport.TCP,
                    IperfRole.RECEIVER,
                    1,
                    10,
                    0,
                    0,
                    0,
                    BLOCK,
                    0,
                    1000,
                    0,
                    0,
                    false,
                    0,
                    false,
                    "test",
                    null);
        }

        @Override
        public BufferPool buffers() {
            return buffers;
        }

        @Override
        public Watchdog watchdog() {
            return watchdog;
        }

        @Override
        public long idleNanos() {
            return idleNanos;
        }

        @Override
        public long omitEndNanos() {
            return omitEnd;
        }

        @Override
        public boolean takeBlock(int size) {
            return true;
        }

        @Override
        public void streamEnded() {
            ended.incrementAndGet();
        }

        @Override
        public void streamFailed(DataStream stream, String reason) {
            failures.add(reason);
        }
    }
}
