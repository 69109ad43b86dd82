package io.waddleperf.testserver.iperf.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.testserver.iperf.BufferPool;
import io.waddleperf.testserver.iperf.DiscardingReceive;
import io.waddleperf.testserver.iperf.IperfJson;
import io.waddleperf.testserver.iperf.IperfProtocolException;
import io.waddleperf.testserver.iperf.TcpInfoReader;
import io.waddleperf.testserver.iperf.Watchdog;
import io.waddleperf.testserver.iperf.Wire;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused.Reason;
import io.waddleperf.testserver.iperf.server.IperfMetrics.Rejection;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An iperf3-compatible server (wire protocol of iperf3 3.12) that runs several tests at once.
 *
 * <p>One event-loop thread accepts TCP connections, reads the 37-byte cookie every connection
 * starts with and routes it: a cookie of a test waiting for its streams makes a data stream,
 * anything else asks for a new test, admitted against capacity, the per-client limit and the
 * allowlist. The same loop reads UDP stream hellos on the same port. It never blocks: sockets are
 * non-blocking until routed, refusals are single-byte writes to fresh sockets, and everything
 * slow happens on the test's own threads (see {@link ServerSession}). Connections that send no
 * cookie within the idle timeout are closed, and at most {@value #MAX_PENDING} may wait at once.
 */
public final class IperfServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IperfServer.class);

    private static final int MAX_PENDING = 1024;
    private static final int BACKLOG = 512;
    private static final long SELECT_MILLIS = 50;
    /** Hellos handled per wakeup, so a UDP flood cannot starve the TCP side of the loop. */
    private static final int UDP_BATCH = 64;

    private final IperfProperties properties;
    private final ServerSocketChannel tcp;
    private final DatagramChannel udp;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final ScheduledThreadPoolExecutor timer;
    private final ServerContext context;
    private final Thread loop;
    private final AtomicLong testNumbers = new AtomicLong();
    private final List<Runnable> handoffs = new ArrayList<>();
    private final ByteBuffer hello = ByteBuffer.allocate(8);
    /** Connections per client address in accept order, until routed. */
    private final Map<InetAddress, ArrayDeque<Pending>> queues = new HashMap<>();

    private int pending;
    private volatile boolean running = true;

    private IperfServer(
            IperfProperties properties,
            ServerSocketChannel tcp,
            DatagramChannel udp,
            IperfListener listener,
            MeterRegistry meters)
            throws IOException {
        this.properties = properties;
        this.tcp = tcp;
        this.udp = udp;
        this.selector = Selector.open();
        this.acceptKey = tcp.configureBlocking(false).register(selector, SelectionKey.OP_ACCEPT);
        udp.configureBlocking(false).register(selector, SelectionKey.OP_READ);
        this.timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("iperf-timer").factory());
        timer.setRemoveOnCancelPolicy(true);
        TestRegistry registry = new TestRegistry(properties.capacity(), properties.maxTestsPerClient());
        this.context = new ServerContext(
                properties,
                localPort(tcp),
                // Enough to keep every stream of a full node at the default block size warm.
                new BufferPool(64L * 1024 * 1024),
                new Watchdog(
                        timer,
                        Math.min(100, Math.max(10, properties.idleTimeout().toMillis() / 4))),
                timer,
                new GuardedListener(listener),
                new IperfMetrics(meters, registry::active),
                registry,
                new ServerLimits(ClientAllowlist.parse(properties.allowlist()), properties.idleTimeout()));
        this.loop = Thread.ofPlatform().daemon().name("iperf-loop").unstarted(this::run);
    }

    /**
     * Binds TCP and UDP on the configured port (port 0: a free port both protocols have) and
     * starts serving.
     */
    public static IperfServer start(IperfProperties properties, IperfListener listener, MeterRegistry meters) {
        InetAddress address;
        try {
            address = InetAddress.getByName(properties.bindAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve iperf3 bind address " + properties.bindAddress(), e);
        }
        IperfJson.warmUp();
        // Links getsockopt now rather than in the first sender's stream.
        TcpInfoReader.available();
        // And recv: linked in the first receiver's stream, it delayed that stream's first read
        // past the end-of-test drain's quiet time in a test of 100,000 bytes (bytes 0 reported).
        DiscardingReceive.available();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            ServerSocketChannel tcp = null;
            DatagramChannel udp = null;
            try {
                tcp = ServerSocketChannel.open();
                tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                tcp.bind(new InetSocketAddress(address, properties.port()), BACKLOG);
                // On a wildcard address the JDK's TCP listener is dual-stack, so the UDP socket must
                // be too, or IPv6 clients could connect but never open a UDP stream.
                udp = address.isAnyLocalAddress()
                        ? DatagramChannel.open()
                        : DatagramChannel.open(
                                address instanceof Inet6Address
                                        ? StandardProtocolFamily.INET6
                                        : StandardProtocolFamily.INET);
                // Every UDP stream socket binds this port again; Linux allows that only with SO_REUSEADDR on all.
                udp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                udp.bind(new InetSocketAddress(address, localPort(tcp)));
                IperfServer server = new IperfServer(properties, tcp, udp, listener, meters);
                server.loop.start();
                log.info("iperf3 server listening on {} (TCP and UDP)", tcp.getLocalAddress());
                return server;
            } catch (IOException e) {
                closeQuietly(tcp);
                closeQuietly(udp);
                last = e;
                // An ephemeral TCP port may be taken for UDP; only then is another try worth it.
                if (!(e instanceof BindException) || properties.port() != 0) {
                    break;
                }
            }
        }
        throw new UncheckedIOException(
                "cannot bind iperf3 server to " + properties.bindAddress() + ":" + properties.port(), last);
    }

    public int localPort() {
        return context.port();
    }

    /** Tests admitted and not yet finished. */
    public int activeTests() {
        return context.registry().active();
    }

    /**
     * Changes the allowlist, idle timeout and capacity of the running server; {@code null} restores
     * the configured value. Connections accepted from now on and tests admitted from now on see
     * the new values; running tests are left alone. Nothing changes when any value is bad.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public void reconfigure(
            @Nullable List<String> allowlist, @Nullable Duration idleTimeout, @Nullable Integer capacity) {
        ClientAllowlist parsed = ClientAllowlist.parse(allowlist == null ? properties.allowlist() : allowlist);
        Duration idle = idleTimeout == null ? properties.idleTimeout() : idleTimeout;
        if (idle.toMillis() < 100) {
            throw new IllegalArgumentException("idle timeout must be at least 100ms");
        }
        int slots = capacity == null ? properties.capacity() : capacity;
        if (slots < 1 || slots > 256) {
            throw new IllegalArgumentException("capacity must be 1..256");
        }
        context.limits().set(parsed, idle);
        context.registry().capacity(slots);
        log.info(
                "iperf3 server settings: allowlist {}, idle timeout {}, capacity {}",
                allowlist == null ? properties.allowlist() : allowlist,
                idle,
                slots);
    }

    BufferPool buffers() {
        return context.buffers();
    }

    Watchdog watchdog() {
        return context.watchdog();
    }

    private void run() {
        long nextSweep = System.nanoTime();
        while (running) {
            try {
                if (selector.selectedKeys().isEmpty()) {
                    selector.select(SELECT_MILLIS);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.channel() == tcp) {
                        accept();
                    } else if (key.channel() == udp) {
                        readHellos();
                    } else {
                        readCookie((Pending) key.attachment());
                    }
                }
                if (!handoffs.isEmpty()) {
                    // Cancelled keys are only deregistered by the next selection, and a channel
                    // cannot turn blocking while registered.
                    selector.selectNow();
                    List<Runnable> batch = List.copyOf(handoffs);
                    handoffs.clear();
                    batch.forEach(this::handOff);
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    expirePending(now);
                    if (acceptKey.interestOps() == 0) {
                        acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                    }
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SELECT_MILLIS);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.error("iperf3 event loop error", e);
                }
            }
        }
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Pending waiting) {
                closeQuietly(waiting.channel);
            }
        }
    }

    private void handOff(Runnable handoff) {
        try {
            handoff.run();
        } catch (RuntimeException e) {
            log.error("iperf3 connection hand-off failed", e);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = tcp.accept();
            } catch (IOException e) {
                // Out of descriptors, typically. The listener stays readable, so without a pause
                // the loop would spin on the same failure; the next sweep listens again.
                acceptKey.interestOps(0);
                log.warn("iperf3 server cannot accept connections for now: {}", e.toString());
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                enqueue(channel);
            } catch (IOException e) {
                // Reset before we got to it: nothing to answer.
                closeQuietly(channel);
            }
        }
    }

    private void enqueue(SocketChannel channel) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        if (pending >= MAX_PENDING) {
            closeQuietly(channel);
            context.metrics().rejected(Rejection.OVERLOAD);
            log.warn("closed iperf3 connection from {}: {} connections already waiting", remote, MAX_PENDING);
            return;
        }
        channel.configureBlocking(false);
        Pending connection = new Pending(
                channel,
                remote,
                context.limits().allowlist().allows(remote.getAddress()),
                System.nanoTime() + context.limits().idleTimeout().toNanos());
        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        queues.computeIfAbsent(remote.getAddress(), address -> new ArrayDeque<>())
                .addLast(connection);
        pending++;
        // The cookie is usually queued already; reading it now keeps routing in accept order.
        readCookie(connection);
    }

    private void readCookie(Pending connection) {
        int read;
        try {
            read = connection.channel.read(connection.cookie);
        } catch (IOException e) {
            reject(connection, Rejection.MALFORMED, "read failed: " + e.getMessage());
            return;
        }
        if (read < 0) {
            reject(connection, Rejection.MALFORMED, "closed before sending a cookie");
        } else if (!connection.cookie.hasRemaining()) {
            connection.key.interestOps(0);
            connection.ready = true;
            routeReady(connection.remote.getAddress());
        }
    }

    /**
     * Routes a client's connections strictly in the order they were accepted. iperf3 numbers
     * streams, and with {@code --bidir} decides their direction, by connection order, so a
     * stream whose cookie happens to complete first must still wait for an earlier one.
     */
    private void routeReady(InetAddress client) {
        ArrayDeque<Pending> queue = queues.get(client);
        while (queue != null && !queue.isEmpty() && queue.peekFirst().ready) {
            route(queue.pollFirst());
        }
        if (queue != null && queue.isEmpty()) {
            queues.remove(client);
        }
    }

    private void route(Pending connection) {
        String cookie;
        try {
            cookie = Wire.cookie(connection.cookie.array());
        } catch (IperfProtocolException e) {
            reject(connection, Rejection.MALFORMED, "sent a malformed cookie");
            return;
        }
        if (!connection.allowed) {
            refuse(connection, Reason.NOT_ALLOWED);
            return;
        }
        ServerSession owner = context.registry().find(cookie);
        if (owner != null) {
            detach(connection);
            handoffs.add(() -> attachDataStream(owner, connection));
            return;
        }
        Reason refusal = context.registry().admit(connection.remote.getAddress());
        if (refusal != null) {
            refuse(connection, refusal);
            return;
        }
        ServerSession test;
        try {
            test = new ServerSession(Long.toString(testNumbers.incrementAndGet()), cookie, connection.channel, context);
        } catch (IOException e) {
            context.registry().releaseSlot(connection.remote.getAddress());
            reject(connection, Rejection.MALFORMED, "connection failed: " + e.getMessage());
            return;
        }
        context.registry().register(cookie, test);
        detach(connection);
        handoffs.add(() -> {
            try {
                connection.channel.configureBlocking(true);
                connection.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                // The control thread fails on the first write and cleans up like any other failure.
                log.debug("iperf3 test {}: cannot set up control connection", test.id, e);
            }
            test.start();
        });
    }

    private void attachDataStream(ServerSession owner, Pending connection) {
        try {
            connection.channel.configureBlocking(true);
            if (owner.attachTcp(connection.channel)) {
                return;
            }
            // iperf3 answers a data connection it does not expect with ACCESS_DENIED too.
            context.metrics().rejected(Rejection.UNEXPECTED_STREAM);
            connection.channel.write(ByteBuffer.wrap(new byte[] {Wire.ACCESS_DENIED}));
            log.warn(
                    "closed iperf3 connection from {}: test {} expects no data stream now",
                    connection.remote,
                    owner.id);
        } catch (IOException e) {
            log.warn("closed iperf3 data connection from {}: {}", connection.remote, e.toString());
        }
        closeQuietly(connection.channel);
    }

    private void readHellos() throws IOException {
        for (int i = 0; i < UDP_BATCH; i++) {
            hello.clear();
            InetSocketAddress from = (InetSocketAddress) udp.receive(hello);
            if (from == null) {
                return;
            }
            // Anything but a 4-byte hello is a late datagram of a finished stream, or junk: UDP has
            // nothing to close, so it is dropped without a word.
            byte[] message = Arrays.copyOf(hello.array(), hello.position());
            if (!Arrays.equals(message, Wire.UDP_CONNECT_MSG) && !Arrays.equals(message, Wire.LEGACY_UDP_CONNECT_MSG)) {
                continue;
            }
            ServerSession test = context.limits().allowlist().allows(from.getAddress())
                    ? context.registry().udpClaimant(from.getAddress())
                    : null;
            if (test == null) {
                continue;
            }
            try {
                if (!test.attachUdp(from)) {
                    log.debug("iperf3 test {}: ignored an extra UDP stream hello from {}", test.id, from);
                }
            } catch (IOException e) {
                test.abort("cannot open a UDP stream to " + from + ": " + e.getMessage());
            }
        }
    }

    private void expirePending(long now) {
        for (SelectionKey key : selector.keys()) {
            // A connection with its cookie in is only waiting for an earlier one, which expires first.
            if (key.attachment() instanceof Pending connection && !connection.ready && now - connection.deadline >= 0) {
                reject(
                        connection,
                        Rejection.TIMEOUT,
                        "sent no cookie within " + context.limits().idleTimeout());
            }
        }
    }

    /** Takes the connection out of the loop's hands: no longer selected, no longer waiting its turn. */
    private void detach(Pending connection) {
        connection.key.cancel();
        connection.key.attach(null);
        pending--;
        ArrayDeque<Pending> queue = queues.get(connection.remote.getAddress());
        if (queue != null && queue.remove(connection) && queue.isEmpty()) {
            queues.remove(connection.remote.getAddress());
        }
    }

    /** Closes a connection that is not speaking iperf3, with one log line. */
    private void reject(Pending connection, Rejection rejection, String why) {
        detach(connection);
        // Counted before the close, so whoever sees the close also sees the count.
        context.metrics().rejected(rejection);
        log.warn("closed iperf3 connection from {}: {}", connection.remote, why);
        closeQuietly(connection.channel);
        // A connection that never completes its cookie must not hold up the ones behind it.
        routeReady(connection.remote.getAddress());
    }

    /**
     * Turns a client away as iperf3 does when busy: the single byte ACCESS_DENIED, then close. The
     * cookie has been read by now, so the close is a clean FIN and the byte is not lost to a reset.
     */
    private void refuse(Pending connection, Reason reason) {
        detach(connection);
        context.metrics().refused(reason);
        context.listener().connectionRefused(new IperfConnectionRefused(connection.remote, reason));
        log.info("refused iperf3 client {}: {}", connection.remote, reason);
        try {
            connection.channel.write(ByteBuffer.wrap(new byte[] {Wire.ACCESS_DENIED}));
        } catch (IOException e) {
            // The client is gone; the refusal still counts.
        }
        closeQuietly(connection.channel);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(tcp);
        closeQuietly(udp);
        closeQuietly(selector);
        List<ServerSession> running = context.registry().all();
        for (ServerSession test : running) {
            test.shutDown();
        }
        try {
            for (ServerSession test : running) {
                test.awaitFinished(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.watchdog().close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("iperf3 server on port {} stopped", localPort());
    }

    private static int localPort(ServerSocketChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    /** A connection whose cookie is still arriving. */
    private static final class Pending {
        final SocketChannel channel;
        final InetSocketAddress remote;
        final boolean allowed;
        final long deadline;
        final ByteBuffer cookie = ByteBuffer.allocate(Wire.COOKIE_SIZE);
        SelectionKey key;
        boolean ready;

        Pending(SocketChannel channel, InetSocketAddress remote, boolean allowed, long deadline) {
            this.channel = channel;
            this.remote = remote;
            this.allowed = allowed;
            this.deadline = deadline;
        }
    }
}
