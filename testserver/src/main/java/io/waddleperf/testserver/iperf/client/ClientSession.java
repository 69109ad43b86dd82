package io.waddleperf.testserver.iperf.client;

import io.waddleperf.testserver.iperf.BufferPool;
import io.waddleperf.testserver.iperf.ControlChannel;
import io.waddleperf.testserver.iperf.DataStream;
import io.waddleperf.testserver.iperf.DiscardingReceive;
import io.waddleperf.testserver.iperf.IperfInterval;
import io.waddleperf.testserver.iperf.IperfJson;
import io.waddleperf.testserver.iperf.IperfJson.PeerResults;
import io.waddleperf.testserver.iperf.IperfJson.PeerStream;
import io.waddleperf.testserver.iperf.IperfProtocolException;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.ServerErrors;
import io.waddleperf.testserver.iperf.StreamOwner;
import io.waddleperf.testserver.iperf.StreamSet;
import io.waddleperf.testserver.iperf.TcpInfo;
import io.waddleperf.testserver.iperf.TcpInfoReader;
import io.waddleperf.testserver.iperf.TcpStream;
import io.waddleperf.testserver.iperf.TcpSummary;
import io.waddleperf.testserver.iperf.TestParameters;
import io.waddleperf.testserver.iperf.UdpStream;
import io.waddleperf.testserver.iperf.Watchdog;
import io.waddleperf.testserver.iperf.Wire;
import io.waddleperf.testserver.iperf.client.IperfClientFailed.Kind;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client test. The calling thread walks the protocol; a reader thread owns the control
 * channel's reads once the test runs, so a SERVER_TERMINATE or SERVER_ERROR in the middle of a
 * test ends it at once instead of when the duration is up. {@link #close} releases everything.
 */
final class ClientSession implements StreamOwner, AutoCloseable {

    /** The client's parameter JSON is a few hundred bytes; the server's results grow per stream. */
    private static final int MAX_RESULTS_BASE = 8 * 1024;

    private static final int MAX_RESULTS_PER_STREAM = 512;

    /** After the server's results, how long our receivers may keep reading what it had sent. */
    private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How long a sender may take to finish the block it is writing once the test ends. A server
     * that still reads (ours drains until it has everything) lets it finish; a stock server closes
     * its sockets, which fails the write at once. Only a server that stopped reading makes us wait
     * this long, and then closing the socket frees the sender.
     */
    private static final long SENDER_STOP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IperfClientRequest request;
    private final TestParameters parameters;
    private final Consumer<IperfClientResult.Interval> listener;
    private final String id;
    private final ScheduledExecutorService timer;
    private final Watchdog watchdog;
    private final BufferPool buffers = new BufferPool(0);
    private final long idleNanos;
    private final StreamSet streams = new StreamSet();
    private final AtomicLong bytesTaken = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CompletableFuture<Void> streamsDone = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger streamsEnded =
            new java.util.concurrent.atomic.AtomicInteger();

    private SocketChannel control;
    private ControlChannel wire;
    private Watchdog.Guard controlGuard;
    private volatile boolean ending;
    private long endNanos;

    private ScheduledFuture<?> ticker;
    private final List<IperfClientResult.Interval> intervals = new ArrayList<>();

    ClientSession(IperfClientRequest request, Consumer<IperfClientResult.Interval> listener) {
        this.request = request;
        this.parameters = request.parameters();
        this.listener = listener;
        this.id = "client-" + Long.toHexString(RANDOM.nextLong() & 0xffffffL);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("iperf-" + id + "-timer").factory());
        this.watchdog = new Watchdog(timer, 100);
        this.idleNanos = request.idleTimeout().toNanos();
        // Links getsockopt now rather than in the first sender's stream.
        TcpInfoReader.available();
        // And recv: linked in the first receiver's stream, it delayed that stream's first read
        // past the end-of-test drain's quiet time in a test of 100,000 bytes (bytes 0 reported).
        DiscardingReceive.available();
    }

    IperfClientResult run() throws IperfClientFailed, InterruptedException {
        String cookie = cookie();
        connectControl(cookie);
        try {
            negotiate();
            connectStreams(cookie);
            awaitStart();
            CompletableFuture<Byte> nextState = readStateInBackground();
            awaitEnd(nextState);
            return finish(nextState);
        } catch (IOException e) {
            throw failed(e);
        } catch (IperfProtocolException e) {
            throw new IperfClientFailed(Kind.PROTOCOL, e.getMessage());
        } catch (InterruptedException e) {
            terminate();
            throw e;
        }
    }

    private void connectControl(String cookie) throws IperfClientFailed {
        try {
            control = SocketChannel.open();
            controlGuard = watchdog.watch(control);
            controlGuard.expireIn(idleNanos, "connecting");
            control.setOption(StandardSocketOptions.TCP_NODELAY, true);
            control.connect(request.server());
            wire = new ControlChannel(control);
            writeCookie(control, cookie);
        } catch (IOException e) {
            throw new IperfClientFailed(
                    controlGuard != null && controlGuard.fired() ? Kind.TIMEOUT : Kind.UNREACHABLE,
                    "cannot connect to " + request.server() + ": " + e.getMessage());
        }
    }

    private void negotiate() throws IOException, IperfProtocolException, IperfClientFailed {
        controlGuard.expireIn(idleNanos, "waiting for PARAM_EXCHANGE");
        expect(firstState(), Wire.PARAM_EXCHANGE, "PARAM_EXCHANGE");
        wire.writeJson(parameterJson());
        controlGuard.expireIn(idleNanos, "waiting for CREATE_STREAMS");
        expect(wire.readState(), Wire.CREATE_STREAMS, "CREATE_STREAMS");
    }

    /**
     * The server's first word. A connection the server ends before it said anything never reached
     * a test: stock iperf3 (3.21 at least) closes its listening socket after each test and opens a
     * new one, and a connection that reached the old socket in between is reset. That is the
     * server not being there yet, as when it refuses the connection, not a broken protocol.
     */
    private byte firstState() throws IOException, IperfClientFailed {
        try {
            return wire.readState();
        } catch (IOException e) {
            if (controlGuard.fired()) {
                // The watchdog's close: a timeout, which failed() reports as one.
                throw e;
            }
            throw endedBeforeTheTest(e.getMessage());
        } catch (IperfProtocolException e) {
            throw endedBeforeTheTest("closed");
        }
    }

    private IperfClientFailed endedBeforeTheTest(String how) {
        return new IperfClientFailed(
                Kind.UNREACHABLE,
                "the server at " + request.server() + " ended the connection before the test started: " + how);
    }

    private byte[] parameterJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put(request.transport() == IperfTransport.UDP ? "udp" : "tcp", true);
        json.put("omit", request.omitSeconds());
        json.put("time", request.bytes() > 0 ? 0 : request.durationSeconds());
        json.put("num", request.bytes());
        json.put("blockcount", 0);
        json.put("parallel", request.parallel());
        if (request.direction() == IperfDirection.REVERSE) {
            json.put("reverse", true);
        }
        if (request.direction() == IperfDirection.BIDIRECTIONAL) {
            json.put("bidirectional", true);
        }
        json.put("len", request.blockSize());
        if (request.bandwidth() > 0 || request.transport() == IperfTransport.UDP) {
            json.put("bandwidth", request.bandwidth());
        }
        json.put("pacing_timer", Wire.DEFAULT_PACING_TIMER_US);
        if (request.udpCounters64()) {
            json.put("udp_counters_64bit", 1);
        }
        json.put("client_version", IperfClient.VERSION);
        if (request.extraData() != null) {
            json.put("extra_data", request.extraData());
        }
        return JSON.writeValueAsBytes(json);
    }

    private void connectStreams(String cookie) throws IOException, IperfProtocolException, IperfClientFailed {
        for (int index = 0; index < request.streamCount(); index++) {
            controlGuard.expireIn(idleNanos, "connecting the data streams");
            int streamId = Wire.streamId(index);
            boolean sends = request.clientSends(index);
            if (request.transport() == IperfTransport.TCP) {
                SocketChannel channel = SocketChannel.open();
                streams.add(new TcpStream(this, streamId, sends, channel));
                Watchdog.Guard guard = watchdog.watch(channel);
                try {
                    guard.expireIn(idleNanos, "connecting");
                    channel.connect(request.server());
                    writeCookie(channel, cookie);
                } finally {
                    guard.close();
                }
            } else {
                DatagramChannel channel = DatagramChannel.open();
                streams.add(new UdpStream(this, streamId, sends, channel));
                channel.setOption(StandardSocketOptions.SO_RCVBUF, UdpStream.RECEIVE_BUFFER);
                channel.connect(request.server());
                Watchdog.Guard guard = watchdog.watch(channel);
                try {
                    guard.expireIn(idleNanos, "waiting for the UDP stream reply");
                    awaitUdpReply(channel);
                } finally {
                    guard.close();
                }
            }
        }
    }

    /**
     * Sends iperf3's UDP hello and waits for the reply. In {@code -R} the server may already be
     * sending on an earlier stream's port, but not on this one: it starts only once every stream
     * is connected, so anything other than the reply here is a protocol error.
     */
    private static void awaitUdpReply(DatagramChannel channel) throws IOException, IperfProtocolException {
        channel.write(ByteBuffer.wrap(Wire.UDP_CONNECT_MSG));
        ByteBuffer reply = ByteBuffer.allocate(64);
        channel.read(reply);
        byte[] got = Arrays.copyOf(reply.array(), reply.position());
        if (!Arrays.equals(got, Wire.UDP_CONNECT_REPLY) && !Arrays.equals(got, LEGACY_UDP_REPLY)) {
            throw new IperfProtocolException("unexpected UDP stream reply of " + got.length + " bytes");
        }
    }

    /** 987654321 in little-endian order, what servers before 3.11 answered. */
    private static final byte[] LEGACY_UDP_REPLY = {(byte) 0xb1, 0x68, (byte) 0xde, 0x3a};

    private void awaitStart() throws IOException, IperfProtocolException, IperfClientFailed {
        controlGuard.expireIn(idleNanos, "waiting for TEST_START");
        expect(wire.readState(), Wire.TEST_START, "TEST_START");
        expect(wire.readState(), Wire.TEST_RUNNING, "TEST_RUNNING");
        streams.start(parameters, System.nanoTime());
        ticker = timer.scheduleAtFixedRate(() -> sample(System.nanoTime(), false), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Reads the next state byte on a thread of its own. During the test the server says nothing
     * unless something is wrong; afterwards this read returns its EXCHANGE_RESULTS.
     */
    private CompletableFuture<Byte> readStateInBackground() {
        CompletableFuture<Byte> next = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("iperf-" + id + "-control").start(() -> {
            try {
                next.complete(wire.readState());
            } catch (IOException | IperfProtocolException | RuntimeException e) {
                next.completeExceptionally(e);
            }
        });
        return next;
    }

    private void awaitEnd(CompletableFuture<Byte> nextState)
            throws IOException, IperfProtocolException, IperfClientFailed, InterruptedException {
        // The server only watches for TEST_END; this guard catches a server that stops reading.
        controlGuard.close();
        long deadline = request.bytes() > 0
                ? Long.MAX_VALUE
                : streams.startNanos() + TimeUnit.SECONDS.toNanos(request.durationSeconds() + request.omitSeconds());
        CompletableFuture<?> either = CompletableFuture.anyOf(nextState, streamsDone);
        while (true) {
            long left = deadline == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(100) : deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                either.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Check the byte budget and the clock again.
            } catch (ExecutionException e) {
                // A failed read of the control channel: reported through nextState below.
            }
            if (nextState.isDone()) {
                byte state = stateOf(nextState);
                throw unexpected(state, "during the test");
            }
            String streamFailure = failure.get();
            if (streamFailure != null) {
                throw new IperfClientFailed(Kind.TIMEOUT, streamFailure);
            }
            if (request.bytes() > 0 && budgetDone()) {
                break;
            }
            if (streamsDone.isDone()) {
                break;
            }
        }
        endNanos = System.nanoTime();
        ending = true;
        ticker.cancel(false);
        controlGuard = watchdog.watch(control);
        controlGuard.expireIn(idleNanos, "ending the test");
        streams.stopSenders(SENDER_STOP_NANOS);
        wire.writeState(Wire.TEST_END);
    }

    /** {@code -n} applies to each direction: our senders spent it, and we received it. */
    private boolean budgetDone() {
        boolean sendersDone = true;
        long received = 0;
        boolean receives = false;
        for (DataStream stream : streams.all()) {
            if (stream.sender()) {
                sendersDone &= !stream.running();
            } else {
                receives = true;
                received += stream.bytes();
            }
        }
        return sendersDone && (!receives || received >= request.bytes());
    }

    private IperfClientResult finish(CompletableFuture<Byte> nextState)
            throws IOException, IperfProtocolException, IperfClientFailed, InterruptedException {
        byte state = stateAfter(nextState);
        if (state != Wire.EXCHANGE_RESULTS) {
            throw unexpected(state, "after TEST_END");
        }
        // Our receivers read what is still queued before we report their counts.
        streams.drain(Map.of(), DRAIN_LIMIT_NANOS);
        wire.writeJson(ourResults());
        int maxResults = MAX_RESULTS_BASE + MAX_RESULTS_PER_STREAM * streams.size();
        PeerResults server = IperfJson.parsePeerResults(wire.readJson(maxResults, Wire.IERECVRESULTS), streams.size());
        Map<Integer, PeerStream> byId = new HashMap<>();
        for (PeerStream stream : server.streams()) {
            if (!streams.has(stream.id())) {
                throw new IperfProtocolException("server results name unknown stream " + stream.id());
            }
            byId.put(stream.id(), stream);
        }
        streams.drain(byId, DRAIN_LIMIT_NANOS);
        streams.close(TimeUnit.SECONDS.toNanos(1));
        sample(System.nanoTime(), true);
        expect(wire.readState(), Wire.DISPLAY_RESULTS, "DISPLAY_RESULTS");
        wire.writeState(Wire.IPERF_DONE);
        return result(server, byId);
    }

    private byte[] ourResults() {
        double[] cpu = streams.cpuPercent();
        return IperfJson.serverResults(
                cpu[0], cpu[1], cpu[2], streams.senderHasRetransmits(), streams.reports(endNanos));
    }

    private IperfClientResult result(PeerResults server, Map<Integer, PeerStream> byId) {
        boolean udp = request.transport() == IperfTransport.UDP;
        List<IperfClientResult.Stream> results = new ArrayList<>(streams.size());
        for (DataStream stream : streams.all()) {
            PeerStream peer = byId.get(stream.id());
            long peerBytes = peer == null ? 0 : peer.bytes();
            long ours = streams.measuredBytes(stream);
            if (stream.sender()) {
                TcpSummary tcp = streams.tcpSummary(stream);
                long sentPackets = stream.packets();
                // The receiver counts gaps up to the highest number it saw; datagrams after that
                // never arrived either, and iperf3 would not count them.
                long lost = udp && peer != null ? peer.errors() + Math.max(0, sentPackets - peer.packets()) : 0;
                results.add(new IperfClientResult.Stream(
                        stream.id(),
                        true,
                        ours,
                        peerBytes,
                        udp ? sentPackets : 0,
                        lost,
                        udp && peer != null ? peer.jitter() : 0,
                        tcp == null ? -1 : tcp.retransmits(),
                        tcp));
            } else {
                long sentPackets = peer == null ? stream.packets() : peer.packets();
                long lost = udp ? streams.measuredLost(stream) + Math.max(0, sentPackets - stream.packets()) : 0;
                long retransmits = server.senderHasRetransmits() == 1 && peer != null ? peer.retransmits() : -1;
                results.add(new IperfClientResult.Stream(
                        stream.id(),
                        false,
                        peerBytes,
                        ours,
                        udp ? sentPackets : 0,
                        lost,
                        udp ? stream.jitter() : 0,
                        retransmits,
                        null));
            }
        }
        List<IperfClientResult.Interval> measured;
        synchronized (this) {
            measured = List.copyOf(intervals);
        }
        return new IperfClientResult(
                request.transport(),
                request.direction(),
                request.parallel(),
                measuredSeconds(),
                results,
                measured,
                server.cpuTotal(),
                (int) server.senderHasRetransmits());
    }

    private double measuredSeconds() {
        long from = request.omitSeconds() > 0 ? streams.omitEndNanos() : streams.startNanos();
        return Math.max(0, endNanos - from) / 1e9;
    }

    /**
     * Adds an interval with the client's view: bytes up and down, UDP loss and jitter as a
     * receiver, and TCP_INFO of its TCP senders (retransmits and congestion window summed over
     * the streams, RTT averaged).
     */
    private synchronized void sample(long now, boolean last) {
        StreamSet.Sample sample = streams.sample(now, last);
        if (sample == null) {
            return;
        }
        long up = 0;
        long down = 0;
        long lost = 0;
        double jitter = 0;
        int receivers = 0;
        Tcp tcp = new Tcp();
        for (IperfInterval.Stream stream : sample.streams()) {
            if (stream.sender()) {
                up += stream.bytes();
                tcp.add(stream);
            } else {
                down += stream.bytes();
                lost += stream.lostPackets();
                jitter += stream.jitterSeconds();
                receivers++;
            }
        }
        if (last && sample.end() - sample.start() < 0.1 && !intervals.isEmpty()) {
            // The test ended just after a tick: a sliver of an interval would show a meaningless
            // rate, so its bytes join the previous interval, and the intervals still add up.
            IperfClientResult.Interval previous = intervals.removeLast();
            intervals.add(new IperfClientResult.Interval(
                    previous.index(),
                    previous.start(),
                    sample.end(),
                    previous.omitted(),
                    previous.uploadBytes() + up,
                    previous.downloadBytes() + down,
                    previous.lostPackets() + lost,
                    receivers == 0 ? 0 : jitter / receivers,
                    previous.retransmits() == null || tcp.retransmits() == null
                            ? tcp.retransmits()
                            : Long.valueOf(previous.retransmits() + tcp.retransmits()),
                    tcp.sndCwnd(),
                    tcp.sndWnd(),
                    tcp.rtt(),
                    tcp.rttvar(),
                    tcp.pmtu()));
            return;
        }
        IperfClientResult.Interval interval = new IperfClientResult.Interval(
                intervals.size(),
                sample.start(),
                sample.end(),
                sample.omitted(),
                up,
                down,
                lost,
                receivers == 0 ? 0 : jitter / receivers,
                tcp.retransmits(),
                tcp.sndCwnd(),
                tcp.sndWnd(),
                tcp.rtt(),
                tcp.rttvar(),
                tcp.pmtu());
        intervals.add(interval);
        try {
            listener.accept(interval);
        } catch (RuntimeException e) {
            // A listener's bug must not stop the ticks or the test.
        }
    }

    /** Sums one interval's TCP_INFO over the sending streams; null where no sender had any. */
    private static final class Tcp {
        private long retransmits;
        private long sndCwnd;
        private long sndWnd;
        private int sndWndCount;
        private long rtt;
        private long rttvar;
        private long pmtu = Long.MAX_VALUE;
        private int count;

        void add(IperfInterval.Stream stream) {
            TcpInfo info = stream.tcpInfo();
            if (info == null) {
                return;
            }
            retransmits += stream.retransmits();
            sndCwnd += info.sndCwnd();
            // Kernels before 5.4 do not report the send window (-1); such a stream adds nothing.
            if (info.sndWnd() >= 0) {
                sndWnd += info.sndWnd();
                sndWndCount++;
            }
            rtt += info.rtt();
            rttvar += info.rttvar();
            // The streams share a path; the smallest MTU is the one every stream's segments fit.
            pmtu = Math.min(pmtu, info.pmtu());
            count++;
        }

        @Nullable
        Long retransmits() {
            return count == 0 ? null : retransmits;
        }

        @Nullable
        Long sndCwnd() {
            return count == 0 ? null : sndCwnd;
        }

        @Nullable
        Long sndWnd() {
            return sndWndCount == 0 ? null : sndWnd;
        }

        @Nullable
        Long rtt() {
            return count == 0 ? null : rtt / count;
        }

        @Nullable
        Long pmtu() {
            return count == 0 ? null : pmtu;
        }

        @Nullable
        Long rttvar() {
            return count == 0 ? null : rttvar / count;
        }
    }

    private void expect(byte state, byte wanted, String name) throws IOException, IperfClientFailed {
        if (state != wanted) {
            throw unexpected(state, "where " + name + " was due");
        }
    }

    private IperfClientFailed unexpected(byte state, String when) throws IOException {
        return switch (state) {
            case Wire.ACCESS_DENIED ->
                new IperfClientFailed(Kind.BUSY, "the server refused the test (ACCESS_DENIED): it is busy");
            case Wire.SERVER_ERROR -> serverError();
            case Wire.SERVER_TERMINATE ->
                new IperfClientFailed(Kind.SERVER_ERROR, "the server terminated the test (SERVER_TERMINATE)");
            default -> new IperfClientFailed(Kind.PROTOCOL, "unexpected state " + state + " " + when);
        };
    }

    /** SERVER_ERROR carries iperf3's i_errno and the server's errno, two big-endian int32s. */
    private IperfClientFailed serverError() throws IOException {
        ByteBuffer codes = ByteBuffer.allocate(8);
        try {
            while (codes.hasRemaining()) {
                if (control.read(codes) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            // The codes are a courtesy; the error stands without them.
        }
        if (codes.hasRemaining()) {
            return new IperfClientFailed(Kind.SERVER_ERROR, "the server reported an error (SERVER_ERROR)");
        }
        int errorCode = codes.getInt(0);
        int errno = codes.getInt(4);
        return new IperfClientFailed(
                Kind.SERVER_ERROR,
                "the server reported an error (SERVER_ERROR): " + ServerErrors.describe(errorCode)
                        + (errno != 0 ? ", errno " + errno : ""));
    }

    private byte stateOf(CompletableFuture<Byte> next) throws IOException, IperfProtocolException {
        try {
            return next.get();
        } catch (ExecutionException e) {
            return rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private byte stateAfter(CompletableFuture<Byte> next)
            throws IOException, IperfProtocolException, InterruptedException {
        try {
            // The watchdog closes the channel at the idle deadline, which completes the read.
            return next.get();
        } catch (ExecutionException e) {
            return rethrow(e.getCause());
        }
    }

    private static byte rethrow(Throwable cause) throws IOException, IperfProtocolException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof IperfProtocolException protocol) {
            throw protocol;
        }
        throw new IOException(cause);
    }

    private IperfClientFailed failed(IOException e) {
        if (controlGuard != null && controlGuard.fired()) {
            return new IperfClientFailed(
                    Kind.TIMEOUT,
                    "the server sent nothing for " + request.idleTimeout().toMillis() + " ms while "
                            + controlGuard.phase());
        }
        String streamFailure = failure.get();
        if (streamFailure != null) {
            return new IperfClientFailed(Kind.TIMEOUT, streamFailure);
        }
        return new IperfClientFailed(Kind.PROTOCOL, "control connection failed: " + e);
    }

    /** Tells the server we are going away, as iperf3 does on a signal. */
    private void terminate() {
        try {
            if (control != null && control.isOpen()) {
                control.configureBlocking(true);
                control.write(ByteBuffer.wrap(new byte[] {Wire.CLIENT_TERMINATE}));
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: closing follows either way.
        }
    }

    private static void writeCookie(SocketChannel channel, String cookie) throws IOException {
        byte[] raw = Arrays.copyOf(cookie.getBytes(java.nio.charset.StandardCharsets.US_ASCII), Wire.COOKIE_SIZE);
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String cookie() {
        char[] text = new char[Wire.COOKIE_SIZE - 1];
        for (int i = 0; i < text.length; i++) {
            text[i] = Wire.COOKIE_ALPHABET.charAt(RANDOM.nextInt(Wire.COOKIE_ALPHABET.length()));
        }
        return new String(text);
    }

    @Override
    public void close() {
        ending = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (controlGuard != null) {
            controlGuard.close();
        }
        closeQuietly(control);
        for (DataStream stream : streams.all()) {
            stream.requestStop();
        }
        boolean interrupted = Thread.interrupted();
        try {
            streams.close(TimeUnit.SECONDS.toNanos(5));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        watchdog.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    // StreamOwner: what the shared stream code asks of its test.

    @Override
    public String id() {
        return id;
    }

    @Override
    public TestParameters parameters() {
        return parameters;
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
        return streams.omitEndNanos();
    }

    @Override
    public boolean takeBlock(int size) {
        long budget = request.bytes();
        return budget == 0 || bytesTaken.getAndAdd(size) < budget;
    }

    @Override
    public void streamEnded() {
        if (streamsEnded.incrementAndGet() == streams.size()) {
            streamsDone.complete(null);
        }
    }

    @Override
    public void streamFailed(DataStream stream, String reason) {
        if (!ending) {
            failure.compareAndSet(null, "stream " + stream.id() + ": " + reason);
            streamsDone.complete(null);
        }
    }
}
