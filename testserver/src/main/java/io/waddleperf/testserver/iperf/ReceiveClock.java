package io.waddleperf.testserver.iperf;

import java.nio.channels.DatagramChannel;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the kernel received the datagram a UDP stream last read, where the platform tells.
 *
 * <p>Jitter is the variation of transit time, so the arrival time it uses should be the packet's,
 * not the receiving thread's. A time taken after {@code read} returns adds however long the
 * thread took to wake up, and on a busy node that delay reads as jitter:
 * NetnsAccuracyIT measured +8 % against a capture with the machine's load average at 20, and the
 * stock iperf3 server, which stamps the same way, +35 % once (docs/benchmarks.md). Linux stamps
 * each packet on receipt and answers the {@code SIOCGSTAMPNS} ioctl with the stamp of the last
 * datagram read from the socket, the same stamp tcpdump records. Plain Java cannot issue it, so
 * as for {@link TcpInfoReader} the implementation ({@code LinuxReceiveClock}, in {@code
 * src/main/java22}) uses the foreign-function API and is loaded by name; elsewhere {@link
 * #forChannel} hands out sockets that tell nothing and the stream falls back to its own clock.
 */
public final class ReceiveClock {

    private static final Logger log = LoggerFactory.getLogger(ReceiveClock.class);

    private static final String IMPLEMENTATION = "io.waddleperf.testserver.iperf.LinuxReceiveClock";

    /** What {@link Socket#lastArrivalNanos} answers when the kernel cannot tell. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** One socket's receive stamps. */
    public interface Socket {
        /**
         * The kernel's receive time of the datagram last read, in nanoseconds of CLOCK_REALTIME
         * (only differences mean anything), or {@link #UNKNOWN}.
         */
        long lastArrivalNanos();
    }

    /** What {@code LinuxReceiveClock} provides; an interface so this class compiles for JDK 21. */
    interface Platform {
        Socket open(DatagramChannel channel);
    }

    private static final Socket NONE = () -> UNKNOWN;

    private static final @Nullable Platform PLATFORM = load();

    private ReceiveClock() {}

    /** Whether this JVM on this system reads receive stamps at all. */
    public static boolean available() {
        return PLATFORM != null;
    }

    /**
     * Finds the connected channel's socket and has the kernel stamp what arrives on it from now
     * on; a socket that cannot be found tells nothing.
     */
    public static Socket forChannel(DatagramChannel channel) {
        Platform platform = PLATFORM;
        if (platform == null) {
            return NONE;
        }
        try {
            return platform.open(channel);
        } catch (RuntimeException e) {
            log.debug("receive stamps unavailable for {}", channel, e);
            return NONE;
        }
    }

    /** {@code -Dwaddleperf.iperf.receive-stamps=false}: the reading thread's clock, as iperf3; for A/B runs. */
    static final String SWITCH = "waddleperf.iperf.receive-stamps";

    private static @Nullable Platform load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || !Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
            return null;
        }
        try {
            return (Platform)
                    Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // As for TCP_INFO: JDK 21 or native access denied; jitter then uses the thread's clock.
            log.info(
                    "kernel receive stamps not available on this JVM ({}); UDP jitter uses the reading thread's"
                            + " clock",
                    e.toString());
            return null;
        }
    }
}
