package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.BufferPool;
import io.waddleperf.testserver.iperf.ControlChannel;
import io.waddleperf.testserver.iperf.DataStream;
import io.waddleperf.testserver.iperf.IperfInterval;
import io.waddleperf.testserver.iperf.IperfJson;
import io.waddleperf.testserver.iperf.IperfJson.PeerResults;
import io.waddleperf.testserver.iperf.IperfJson.PeerStream;
import io.waddleperf.testserver.iperf.IperfProtocolException;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.StreamOwner;
import io.waddleperf.testserver.iperf.StreamSet;
import io.waddleperf.testserver.iperf.TcpStream;
import io.waddleperf.testserver.iperf.TestParameters;
import io.waddleperf.testserver.iperf.UdpStream;
import io.waddleperf.testserver.iperf.Watchdog;
import io.waddleperf.testserver.iperf.Wire;
import io.waddleperf.testserver.iperf.server.IperfTestResult.Outcome;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One iperf3 test, driven from its control connection by one platform thread.
 *
 * <p>The control thread walks the protocol in order (parameters, streams, start, end, results)
 * and owns the cleanup. Everything else that can end a test (a stream failing, the watchdog, the
 * server shutting down) calls {@link #abort}, which closes the control channel; the control
 * thread then wakes from whatever it was blocked on and cleans up. So there is exactly one place
 * where a test's sockets, threads, buffers and slot are released.
 */
final class ServerSession implements Runnable, StreamOwner {

    private static final Logger log = LoggerFactory.getLogger(ServerSession.class);

    /** After TEST_END, how long receivers may keep draining what the client had already sent. */
    private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a sender may take to finish its current write once the test ends. */
    private static final long SENDER_STOP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private enum Phase {
        NEGOTIATING,
        AWAITING_STREAMS,
        RUNNING,
        ENDING,
        DONE
    }

    final String id;
    private final String cookie;
    private final SocketChannel control;
    private final InetSocketAddress client;
    private final InetAddress localAddress;
    private final ServerContext server;
    private final ControlChannel wire;
    private final Watchdog.Guard controlGuard;
    private final long idleNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition streamsChanged = lock.newCondition();
    private Phase phase = Phase.NEGOTIATING;
    /** Grows while streams connect, under the lock; fixed from the start of the test on. */
    private final StreamSet streams = new StreamSet();

    private volatile TestParameters parameters;
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final AtomicLong bytesTaken = new AtomicLong();
    private final AtomicLong blocksTaken = new AtomicLong();
    private final AtomicInteger streamsEnded = new AtomicInteger();

    private long endNanos;

    /** What the client reported per stream id, for the result record. */
    private final Map<Integer, Long> peerBytes = new HashMap<>();
    /** The client's retransmits per stream it sent on, when it says (sender_has_retransmits). */
    private final Map<Integer, Long> peerRetransmits = new HashMap<>();

    private final CountDownLatch finished = new CountDownLatch(1);
    private ScheduledFuture<?> ticker;
    private final List<IperfInterval> intervals = new ArrayList<>();

    ServerSession(String id, String cookie, SocketChannel control, ServerContext server) throws IOException {
        this.id = id;
        this.cookie = cookie;
        this.control = control;
        this.client = (InetSocketAddress) control.getRemoteAddress();
        this.localAddress = ((InetSocketAddress) control.getLocalAddress()).getAddress();
        this.server = server;
        this.wire = new ControlChannel(control);
        this.controlGuard = server.watchdog().watch(control);
        this.idleNanos = server.limits().idleTimeout().toNanos();
    }

    /** Starts the control thread; the channel must already be in blocking mode. */
    void start() {
        Thread.ofPlatform().daemon().name("iperf-" + id + "-control").start(this);
    }

    @Override
    public void run() {
        Outcome outcome = Outcome.FAILED;
        String failure = null;
        try {
            negotiate();
            connectStreams();
            begin();
            awaitTestEnd();
            finish();
            outcome = Outcome.COMPLETED;
        } catch (ClientTerminated e) {
            outcome = Outcome.TERMINATED;
        } catch (IperfProtocolException e) {
            failure = reason(e.getMessage());
            tellClient(e);
        } catch (IOException e) {
            failure = reason(controlGuard.fired() ? "timed out " + controlGuard.phase() : e.toString());
        } catch (InterruptedException e) {
            failure = reason("interrupted");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = reason(e.toString());
            log.error("iperf3 test {} from {} failed unexpectedly", id, client, e);
        } finally {
            cleanUp(outcome, failure);
        }
    }

    private void negotiate() throws IOException, IperfProtocolException {
        controlGuard.expireIn(idleNanos, "waiting for the parameters");
        wire.writeState(Wire.PARAM_EXCHANGE);
        byte[] body = wire.readJson((int) server.properties().maxParameterSize().toBytes(), Wire.IERECVPARAMS);
        parameters = TestParameters.parse(
                IperfJson.parse(body, Wire.IERECVPARAMS), server.properties().maxDuration());
    }

    private void connectStreams() throws IOException, IperfProtocolException, InterruptedException {
        TestParameters parameters = this.parameters;
        long deadline = System.nanoTime() + idleNanos;
        if (parameters.transport() == IperfTransport.UDP) {
            controlGuard.expireAt(deadline, "waiting for another UDP test from this client to connect");
            if (!server.registry().claimUdp(client.getAddress(), this, deadline)) {
                throw new IperfProtocolException("another UDP test from this client kept connecting its streams");
            }
            deadline = System.nanoTime() + idleNanos;
        }
        lock.lock();
        try {
            phase = Phase.AWAITING_STREAMS;
        } finally {
            lock.unlock();
        }
        controlGuard.expireAt(deadline, "waiting for the data streams");
        wire.writeState(Wire.CREATE_STREAMS);
        lock.lock();
        try {
            while (streams.size() < parameters.streamCount()) {
                failIfAborted();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IperfProtocolException(
                            "only " + streams.size() + " of " + parameters.streamCount() + " data streams connected");
                }
                streamsChanged.awaitNanos(left);
            }
            failIfAborted();
            phase = Phase.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    private void begin() throws IOException {
        TestParameters parameters = this.parameters;
        long startNanos = System.nanoTime();
        wire.writeState(Wire.TEST_START, Wire.TEST_RUNNING);
        // The client ends the test; the deadline only catches one that never does. -n and -k tests
        // have no time of their own, so the node's maximum stands in.
        long seconds = parameters.durationSeconds() > 0
                ? parameters.durationSeconds()
                : server.properties().maxDuration().toSeconds();
        controlGuard.expireAt(
                startNanos + TimeUnit.SECONDS.toNanos(seconds + parameters.omitSeconds()) + idleNanos,
                "waiting for the client to end the test");
        streams.start(parameters, startNanos);
        ticker = server.timer().scheduleAtFixedRate(this::sampleInterval, 1, 1, TimeUnit.SECONDS);
        server.listener()
                .testStarted(new IperfTestStarted(
                        id,
                        client,
                        parameters.transport(),
                        parameters.role(),
                        parameters.parallel(),
                        parameters.durationSeconds(),
                        parameters.clientVersion(),
                        parameters.extraData()));
    }

    private void awaitTestEnd() throws IOException, IperfProtocolException, ClientTerminated {
        byte state = wire.readState();
        if (state == Wire.CLIENT_TERMINATE) {
            throw new ClientTerminated();
        }
        if (state != Wire.TEST_END) {
            throw new IperfProtocolException(Wire.IEMESSAGE, "unexpected message " + state + " during the test");
        }
    }

    private void finish() throws IOException, IperfProtocolException, InterruptedException {
        endNanos = System.nanoTime();
        lock.lock();
        try {
            phase = Phase.ENDING;
        } finally {
            lock.unlock();
        }
        ticker.cancel(false);
        controlGuard.expireIn(idleNanos, "ending the test");
        // As iperf3 at TEST_END. The close is not tidiness: a 3.12 client draining a -R stream
        // after TEST_END switches it to blocking reads of whole blocks, so only the end of the
        // stream lets it return to its control connection and answer EXCHANGE_RESULTS. With
        // --bidir the client stops reading altogether, and the close frees a blocked sender.
        streams.stopSenders(SENDER_STOP_NANOS);
        wire.writeState(Wire.EXCHANGE_RESULTS);
        int maxResults = (int) server.properties().maxParameterSize().toBytes() + 256 * streams.size();
        PeerResults peer = IperfJson.parsePeerResults(wire.readJson(maxResults, Wire.IERECVRESULTS), streams.size());
        Map<Integer, PeerStream> peerStreams = new HashMap<>();
        for (PeerStream stream : peer.streams()) {
            if (!streams.has(stream.id())) {
                throw new IperfProtocolException(Wire.IESTREAMID, "results name unknown stream " + stream.id());
            }
            peerStreams.put(stream.id(), stream);
            peerBytes.put(stream.id(), stream.bytes());
            if (peer.senderHasRetransmits() == 1 && stream.retransmits() >= 0) {
                peerRetransmits.put(stream.id(), stream.retransmits());
            }
        }
        // iperf3 closes its streams at TEST_END and loses what is still in flight, so its
        // receiver count falls short of the sender's; we wait for that tail.
        streams.drain(peerStreams, Math.min(idleNanos, DRAIN_LIMIT_NANOS));
        streams.close(TimeUnit.SECONDS.toNanos(1));
        sample(System.nanoTime(), true);
        wire.writeJson(ourResults(), Wire.DISPLAY_RESULTS);
        controlGuard.expireIn(idleNanos, "waiting for IPERF_DONE");
        try {
            byte last = wire.readState();
            if (last != Wire.IPERF_DONE) {
                log.debug("iperf3 test {}: client ended with {} instead of IPERF_DONE", id, last);
            }
        } catch (IperfProtocolException closed) {
            // Closing instead of sending IPERF_DONE loses nothing: the results are already out.
        }
    }

    private byte[] ourResults() {
        double[] cpu = streams.cpuPercent();
        return IperfJson.serverResults(
                cpu[0], cpu[1], cpu[2], streams.senderHasRetransmits(), streams.reports(endNanos));
    }

    private List<IperfStreamResult> streamResults() {
        List<IperfStreamResult> results = new ArrayList<>(streams.size());
        for (DataStream stream : streams.all()) {
            results.add(new IperfStreamResult(
                    stream.id(),
                    stream.sender(),
                    streams.measuredBytes(stream),
                    peerBytes.getOrDefault(stream.id(), -1L),
                    stream.packets(),
                    streams.measuredLost(stream),
                    streams.measuredOutOfOrder(stream),
                    stream.jitter(),
                    streams.measuredSeconds(stream, endNanos),
                    streams.tcpSummary(stream),
                    stream.sender() ? -1L : peerRetransmits.getOrDefault(stream.id(), -1L)));
        }
        return results;
    }

    private void sampleInterval() {
        sample(System.nanoTime(), false);
    }

    /** Adds an interval; the last one is taken however short, so the intervals add up to the total. */
    private synchronized void sample(long now, boolean last) {
        StreamSet.Sample sample = streams.sample(now, last);
        if (sample == null) {
            return;
        }
        IperfInterval interval = new IperfInterval(
                id, intervals.size(), sample.start(), sample.end(), sample.omitted(), sample.streams());
        intervals.add(interval);
        server.listener().intervalMeasured(interval);
    }

    /** Adds a TCP data stream that presented this test's cookie; false if none is expected. */
    boolean attachTcp(SocketChannel channel) throws IOException {
        lock.lock();
        try {
            TestParameters parameters = this.parameters;
            if (phase != Phase.AWAITING_STREAMS
                    || parameters.transport() != IperfTransport.TCP
                    || streams.size() >= parameters.streamCount()) {
                return false;
            }
            if (parameters.noDelay()) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            applyWindowAndTos(channel, parameters);
            int index = streams.size();
            streams.add(new TcpStream(this, Wire.streamId(index), parameters.serverSends(index), channel));
            streamsChanged.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a UDP data stream for a client port that sent the hello: a socket of its own on the
     * server port, connected to that client port, so the kernel hands it exactly that stream's
     * datagrams. It is bound to the address the client reached us on, so our replies come from
     * the address the client's socket is connected to.
     */
    boolean attachUdp(InetSocketAddress peer) throws IOException {
        lock.lock();
        try {
            TestParameters parameters = this.parameters;
            if (phase != Phase.AWAITING_STREAMS
                    || parameters.transport() != IperfTransport.UDP
                    || streams.size() >= parameters.streamCount()) {
                return false;
            }
            DatagramChannel channel = DatagramChannel.open(
                    localAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.setOption(
                        StandardSocketOptions.SO_RCVBUF,
                        parameters.window() > 0 ? parameters.window() : UdpStream.RECEIVE_BUFFER);
                if (parameters.window() > 0) {
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, parameters.window());
                }
                if (parameters.tos() > 0) {
                    channel.setOption(StandardSocketOptions.IP_TOS, parameters.tos());
                }
                channel.bind(new InetSocketAddress(localAddress, server.port()));
                channel.connect(peer);
                channel.write(ByteBuffer.wrap(Wire.UDP_CONNECT_REPLY));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            int index = streams.size();
            streams.add(new UdpStream(this, Wire.streamId(index), parameters.serverSends(index), channel));
            if (streams.size() == parameters.streamCount()) {
                server.registry().releaseUdp(client.getAddress(), this);
            }
            streamsChanged.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static void applyWindowAndTos(SocketChannel channel, TestParameters parameters) throws IOException {
        if (parameters.window() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, parameters.window());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, parameters.window());
        }
        if (parameters.tos() > 0) {
            channel.setOption(StandardSocketOptions.IP_TOS, parameters.tos());
        }
    }

    /** Ends the test from outside the control thread; the first reason given is the one reported. */
    void abort(String reason) {
        abortReason.compareAndSet(null, reason);
        closeQuietly(control);
        lock.lock();
        try {
            streamsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Tells the client the server is going away, as iperf3 does on SIGTERM, then aborts. */
    void shutDown() {
        try {
            control.write(ByteBuffer.wrap(new byte[] {Wire.SERVER_TERMINATE}));
        } catch (IOException e) {
            // The client may be gone already; aborting is what matters.
        }
        abort("server shutting down");
    }

    /**
     * A stream finished on its own: the client closed it, or a {@code -n}/{@code -k} sender spent
     * its budget. Once none is left, the client has nothing more to do but send TEST_END, so the
     * wait for it shrinks from the test's length to the idle timeout.
     */
    @Override
    public void streamEnded() {
        if (streamsEnded.incrementAndGet() < streams.size()) {
            return;
        }
        lock.lock();
        try {
            if (phase == Phase.RUNNING) {
                controlGuard.expireIn(idleNanos, "waiting for TEST_END after every stream ended");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void streamFailed(DataStream stream, String reason) {
        lock.lock();
        try {
            if (phase != Phase.RUNNING) {
                return;
            }
        } finally {
            lock.unlock();
        }
        abort("stream " + stream.id() + ": " + reason);
    }

    /** Reserves one block for a sender under {@code -n}/{@code -k}; false once the budget is spent. */
    @Override
    public boolean takeBlock(int size) {
        TestParameters parameters = this.parameters;
        if (parameters.bytes() > 0) {
            return bytesTaken.getAndAdd(size) < parameters.bytes();
        }
        if (parameters.blocks() > 0) {
            return blocksTaken.getAndIncrement() < parameters.blocks();
        }
        return true;
    }

    @Override
    public TestParameters parameters() {
        return parameters;
    }

    @Override
    public BufferPool buffers() {
        return server.buffers();
    }

    @Override
    public Watchdog watchdog() {
        return server.watchdog();
    }

    @Override
    public long idleNanos() {
        return idleNanos;
    }

    @Override
    public long omitEndNanos() {
        return streams.omitEndNanos();
    }

    @Override
    public String id() {
        return id;
    }

    private void failIfAborted() throws IOException {
        if (abortReason.get() != null) {
            throw new IOException("aborted");
        }
    }

    private String reason(String fallback) {
        String aborted = abortReason.get();
        return aborted != null ? aborted : fallback;
    }

    /** SERVER_ERROR for refusals the stock client can explain, such as a too-long duration. */
    private void tellClient(IperfProtocolException e) {
        if (e.errorCode() == 0 || e.errorCode() == Wire.IECTRLCLOSE || !control.isOpen()) {
            return;
        }
        try {
            wire.writeServerError(e.errorCode());
        } catch (IOException ignored) {
            // Best effort: the connection is closed next either way.
        }
    }

    private void cleanUp(Outcome outcome, String failure) {
        List<DataStream> all;
        lock.lock();
        try {
            phase = Phase.DONE;
            all = List.copyOf(streams.all());
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            if (ticker != null) {
                ticker.cancel(false);
            }
            controlGuard.close();
            closeQuietly(control);
            for (DataStream stream : all) {
                stream.close();
            }
            for (DataStream stream : all) {
                try {
                    stream.join(TimeUnit.SECONDS.toNanos(5));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            server.registry().release(cookie, client.getAddress(), this);
            try {
                IperfTestResult result = result(outcome, failure);
                server.metrics().finished(outcome);
                logOutcome(result);
                server.listener().testFinished(result);
            } finally {
                finished.countDown();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private IperfTestResult result(Outcome outcome, String failure) {
        TestParameters parameters = this.parameters;
        boolean started = streams.started();
        List<IperfStreamResult> results = started && endNanos != 0 ? streamResults() : List.of();
        List<IperfInterval> measured;
        synchronized (this) {
            measured = List.copyOf(intervals);
        }
        return new IperfTestResult(
                id,
                client,
                parameters == null ? null : parameters.transport(),
                parameters == null ? null : parameters.role(),
                parameters == null ? 0 : parameters.parallel(),
                outcome,
                outcome == Outcome.FAILED ? failure : null,
                results,
                measured,
                started && endNanos != 0 ? streams.cpuPercent()[0] : 0);
    }

    private void logOutcome(IperfTestResult result) {
        switch (result.outcome()) {
            case COMPLETED ->
                log.info(
                        "iperf3 test {} from {} done: {} {} x{}, received {} bytes ({} Gbit/s), sent {} bytes",
                        id,
                        client,
                        result.transport(),
                        result.role(),
                        result.parallel(),
                        result.receivedBytes(),
                        String.format("%.2f", receivedBitsPerSecond(result) / 1e9),
                        result.sentBytes());
            case TERMINATED -> log.info("iperf3 test {} from {} interrupted by the client", id, client);
            case FAILED -> log.warn("iperf3 test {} from {} failed: {}", id, client, result.failure());
        }
    }

    private static double receivedBitsPerSecond(IperfTestResult result) {
        return result.streams().stream()
                .filter(s -> !s.sender())
                .mapToDouble(IperfStreamResult::bitsPerSecond)
                .sum();
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is best effort; there is nothing else to release.
        }
    }

    /** The client sent CLIENT_TERMINATE: it was interrupted (Ctrl-C), not broken. */
    private static final class ClientTerminated extends Exception {
        ClientTerminated() {
            super(null, null, false, false);
        }
    }

    /** Waits until the test has released everything it held. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
