package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives TCP data without copying it out of the kernel, where the platform allows it.
 *
 * <p>A TCP receiver never looks at iperf3's payload (it is filler), yet a plain read copies every
 * byte into the process, and that copy is the largest single item of a receiver's CPU (a quarter
 * of the server process in a loopback profile, docs/benchmarks.md). Linux's {@code
 * recv(fd, buf, len, MSG_TRUNC)} on a TCP socket (tcp(7), since 2.4) frees the received bytes in
 * the kernel and answers how many there were: the bytes are counted, not copied. The stock iperf3
 * server reads them into its buffer. Plain Java cannot pass {@code MSG_TRUNC}, so as for {@link
 * TcpInfoReader} the implementation ({@code LinuxDiscardingReceive}, in {@code src/main/java22})
 * calls {@code recv} through the foreign-function API and is loaded by name; on JDK 21, on other
 * systems, when native access is refused, or with {@code -Dwaddleperf.iperf.discard-receive=false}
 * (for A/B runs, or should a kernel misbehave), {@link #forChannel} answers null and the stream
 * reads with {@code SocketChannel.read}.
 *
 * <p>A thread blocked in a native {@code recv} is one Java does not know about: closing the
 * channel from another thread neither wakes it nor (since the descriptor is in use) releases the
 * connection. So a stream receiving this way is stopped by shutting its input down first ({@code
 * SHUT_RD} wakes the {@code recv}), and the descriptor is used only while the channel is known to
 * be open; {@link TcpStream} does both.
 */
public final class DiscardingReceive {

    private static final Logger log = LoggerFactory.getLogger(DiscardingReceive.class);

    private static final String IMPLEMENTATION = "io.waddleperf.testserver.iperf.LinuxDiscardingReceive";

    /** {@code -Dwaddleperf.iperf.discard-receive=false}: copy received bytes as iperf3 does. */
    static final String SWITCH = "waddleperf.iperf.discard-receive";

    /**
     * What {@link Socket#receive} answers when a blocking read would have to wait after all. A
     * constant, so javac copies it into {@code LinuxDiscardingReceive}: after changing it, build
     * clean.
     */
    static final int WOULD_BLOCK = -2;

    /** One connected TCP socket's discarding receive. */
    public interface Socket {
        /**
         * Takes up to {@code buffer.remaining()} bytes off the socket without copying them, waiting
         * for data as a blocking read does; the buffer's contents and position are left as they
         * are (its memory is only there to bound the call).
         *
         * @return the bytes taken, 0 at the end of the stream (the peer's or our {@code
         *     shutdownInput}), or {@link #WOULD_BLOCK} if the socket is in non-blocking mode
         */
        int receive(ByteBuffer buffer) throws IOException;
    }

    /** What {@code LinuxDiscardingReceive} provides; an interface so this class compiles for JDK 21. */
    interface Platform {
        @Nullable
        Socket open(SocketChannel channel);
    }

    private static final @Nullable Platform PLATFORM = load();

    private DiscardingReceive() {}

    /** Whether this JVM on this system discards received bytes in the kernel at all. */
    public static boolean available() {
        return PLATFORM != null;
    }

    /**
     * The channel's socket for discarding reads, or null to read the channel as usual. Call it once
     * the channel is connected, from the thread that will read.
     */
    public static @Nullable Socket forChannel(SocketChannel channel) {
        Platform platform = PLATFORM;
        if (platform == null) {
            return null;
        }
        try {
            return platform.open(channel);
        } catch (RuntimeException e) {
            log.debug("discarding receive unavailable for {}", channel, e);
            return null;
        }
    }

    private static @Nullable Platform load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || !Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
            return null;
        }
        try {
            return (Platform)
                    Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // As for TCP_INFO: JDK 21 or native access denied; TCP streams then copy what they read.
            log.info("discarding TCP receive not available on this JVM ({}); streams read as usual", e.toString());
            return null;
        }
    }
}
