package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waddleperf.testserver.iperf.client.IperfClient;
import io.waddleperf.testserver.iperf.client.IperfClientFailed;
import io.waddleperf.testserver.iperf.client.IperfClientFailed.Kind;
import io.waddleperf.testserver.iperf.client.IperfClientRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client against servers that misbehave: each must end in an {@link IperfClientFailed} of
 * the right kind, quickly, with every thread and socket of the test released.
 */
class IperfClientRobustnessTests {

    /** A scripted server: one control connection, then whatever the script does with it. */
    interface Script {
        void play(SocketChannel control, ServerSocketChannel listener) throws Exception;
    }

    private ServerSocketChannel listener;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private Thread serverThread;
    private long socketsBefore;
    private final java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);

    /** A silent server: holds its connections open, saying nothing, until the test is over. */
    private void stayQuiet() throws InterruptedException {
        testOver.await(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * The JDK keeps one socket of its own for closing channels asynchronously (a socketpair it
     * dup2s over the closed descriptor), made the first time channels are used. Made here, it is
     * part of every baseline instead of looking like the first test's leak.
     */
    @BeforeAll
    static void letTheJdkOpenItsOwnSocket() throws IOException {
        try (ServerSocketChannel warm =
                ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SocketChannel.open(warm.getLocalAddress()).close();
        }
    }

    @BeforeEach
    void listen() throws IOException {
        socketsBefore = openSockets();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    }

    @AfterEach
    void everythingReleased() throws Exception {
        testOver.countDown();
        for (SocketChannel channel : accepted) {
            channel.close();
        }
        listener.close();
        if (serverThread != null) {
            serverThread.interrupt();
            serverThread.join(Duration.ofSeconds(5));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(thread -> thread.getName().startsWith("iperf-client-")));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(openSockets()).isLessThanOrEqualTo(socketsBefore));
    }

    private void serve(Script script) {
        serverThread = Thread.ofPlatform().daemon().name("scripted-server").start(() -> {
            try {
                SocketChannel control = listener.accept();
                accepted.add(control);
                readCookie(control);
                script.play(control, listener);
            } catch (Exception e) {
                // The script's end, or the test closing the listener.
            }
        });
    }

    private IperfClientRequest request() {
        return IperfClientRequest.tcp((InetSocketAddress) localAddress(), 1).withIdleTimeout(Duration.ofSeconds(1));
    }

    private java.net.SocketAddress localAddress() {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private IperfClientFailed failure() {
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> IperfClient.run(request(), i -> {}));
        assertThat(thrown).isInstanceOf(IperfClientFailed.class);
        // Every failure here is bounded by the 1 s idle timeout and the 1 s test, plus slack.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        return (IperfClientFailed) thrown;
    }

    @Test
    void garbageInsteadOfAStateIsAProtocolError() {
        serve((control, l) -> write(control, "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes()));

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(failure.getMessage()).contains("unexpected state 72");
    }

    @Test
    void accessDeniedSaysTheServerIsBusy() {
        serve((control, l) -> write(control, Wire.ACCESS_DENIED));

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.BUSY);
        assertThat(failure.getMessage()).contains("ACCESS_DENIED");
    }

    @Test
    void serverErrorCarriesIperf3sExplanation() {
        serve((control, l) -> {
            write(control, Wire.PARAM_EXCHANGE);
            readJson(control);
            ByteBuffer error = ByteBuffer.allocate(9)
                    .put(Wire.SERVER_ERROR)
                    .putInt(Wire.IEDURATION)
                    .putInt(0);
            write(control, error.array());
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("test duration too long");
    }

    @Test
    void aStateOutOfOrderIsAProtocolError() {
        serve((control, l) -> {
            write(control, Wire.PARAM_EXCHANGE);
            readJson(control);
            write(control, Wire.TEST_RUNNING);
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(failure.getMessage()).contains("unexpected state 2").contains("CREATE_STREAMS");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        serve((control, l) -> stayQuiet());

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("PARAM_EXCHANGE");
    }

    @Test
    void aHugeResultsLengthIsRefusedBeforeAnythingIsAllocated() {
        serve((control, l) -> {
            startTest(control, l);
            awaitTestEnd(control);
            write(control, Wire.EXCHANGE_RESULTS);
            readJson(control);
            write(control, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            stayQuiet();
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(failure.getMessage()).contains("JSON length 2147483647");
    }

    @Test
    void malformedResultsAreAProtocolError() {
        serve((control, l) -> {
            startTest(control, l);
            awaitTestEnd(control);
            write(control, Wire.EXCHANGE_RESULTS);
            readJson(control);
            byte[] body = "{\"streams\": [".getBytes();
            write(
                    control,
                    ByteBuffer.allocate(4 + body.length)
                            .putInt(body.length)
                            .put(body)
                            .array());
            stayQuiet();
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
        assertThat(failure.getMessage()).contains("invalid JSON");
    }

    /** Accepts the data stream but never reads it, and never answers TEST_END either. */
    @Test
    void aServerThatStopsReadingTimesOut() {
        serve((control, l) -> {
            write(control, Wire.PARAM_EXCHANGE);
            readJson(control);
            write(control, Wire.CREATE_STREAMS);
            SocketChannel data = l.accept();
            accepted.add(data);
            write(control, Wire.TEST_START, Wire.TEST_RUNNING);
            stayQuiet();
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("ending the test");
    }

    @Test
    void aServerThatHangsUpMidTestFailsTheTest() {
        serve((control, l) -> {
            startTest(control, l);
            control.close();
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isIn(Kind.PROTOCOL, Kind.SERVER_ERROR);
    }

    /**
     * What a stock 3.21 server does to a connection that reaches its listening socket while it
     * tears the previous test down: the socket is closed and the queued connection reset. The
     * server was not there yet; it never spoke, so nothing of the protocol went wrong.
     */
    @Test
    void aResetBeforeTheServerSaidAnythingIsUnreachable() {
        serve((control, l) -> {
            control.setOption(StandardSocketOptions.SO_LINGER, 0);
            control.close();
        });

        IperfClientFailed failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(failure.getMessage()).contains("before the test started");
    }

    @Test
    void unreachableServerFailsAtOnce() throws IOException {
        InetSocketAddress closed = (InetSocketAddress) listener.getLocalAddress();
        listener.close();

        assertThatThrownBy(() -> IperfClient.run(IperfClientRequest.tcp(closed, 1), i -> {}))
                .isInstanceOfSatisfying(
                        IperfClientFailed.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
        listener = ServerSocketChannel.open();
    }

    /** Parameters, one TCP stream drained by a thread of its own, start. */
    private void startTest(SocketChannel control, ServerSocketChannel l) throws Exception {
        write(control, Wire.PARAM_EXCHANGE);
        readJson(control);
        write(control, Wire.CREATE_STREAMS);
        SocketChannel data = l.accept();
        accepted.add(data);
        Thread.ofPlatform().daemon().start(() -> {
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            try {
                while (data.read(sink.clear()) >= 0) {
                    // Discard.
                }
            } catch (IOException e) {
                // Closed by the test.
            }
        });
        write(control, Wire.TEST_START, Wire.TEST_RUNNING);
    }

    private static void awaitTestEnd(SocketChannel control) throws IOException {
        ByteBuffer state = ByteBuffer.allocate(1);
        readFully(control, state);
        assertThat(state.get(0)).isEqualTo(Wire.TEST_END);
    }

    private static void readCookie(SocketChannel control) throws IOException {
        readFully(control, ByteBuffer.allocate(Wire.COOKIE_SIZE));
    }

    private static void readJson(SocketChannel control) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(control, length);
        readFully(control, ByteBuffer.allocate(length.getInt(0)));
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("closed");
            }
        }
    }

    private static void write(SocketChannel channel, byte... bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .count();
        }
    }
}
