package io.waddleperf.testserver.iperf;

import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code TCP_INFO} for a socket channel, where the platform allows it.
 *
 * <p>Only Linux has {@code TCP_INFO} in the form iperf3 reads, and plain Java cannot reach it: the
 * reader calls {@code getsockopt} through the foreign-function API, which is final from JDK 22 on.
 * The node targets JDK 21, so that implementation ({@code LinuxTcpInfo}, in {@code
 * src/main/java22}) is compiled separately and loaded by name; on JDK 21, on other systems, or
 * when the JVM refuses native access, {@link #forChannel} hands out sockets that read nothing, and
 * the node reports what iperf3 reports without {@code TCP_INFO}: retransmits -1 and no RTT.
 */
public final class TcpInfoReader {

    private static final Logger log = LoggerFactory.getLogger(TcpInfoReader.class);

    private static final String IMPLEMENTATION = "io.waddleperf.testserver.iperf.LinuxTcpInfo";

    /** One socket's {@code TCP_INFO}; {@link #read} returns null once it cannot be read. */
    public interface Socket {
        @Nullable
        TcpInfo read();
    }

    /** What {@code LinuxTcpInfo} provides; an interface so this class compiles for JDK 21. */
    interface Platform {
        Socket open(SocketChannel channel);
    }

    private static final Socket NONE = () -> null;

    private static final @Nullable Platform PLATFORM = load();

    private TcpInfoReader() {}

    /** Whether this JVM on this system reads {@code TCP_INFO} at all. */
    public static boolean available() {
        return PLATFORM != null;
    }

    /**
     * Finds the channel's socket for later reads. Call it once the channel is connected; a socket
     * that cannot be found reads nothing.
     */
    public static Socket forChannel(SocketChannel channel) {
        Platform platform = PLATFORM;
        if (platform == null) {
            return NONE;
        }
        try {
            return platform.open(channel);
        } catch (RuntimeException e) {
            log.debug("TCP_INFO unavailable for {}", channel, e);
            return NONE;
        }
    }

    private static @Nullable Platform load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        try {
            Platform platform = (Platform)
                    Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
            return platform;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // JDK 21 (class version 66 refused), a build on JDK 21 without the class, or native
            // access denied: the node works on, as iperf3 does on a system without TCP_INFO.
            log.info("TCP_INFO not available on this JVM ({}); retransmits and RTT are not reported", e.toString());
            return null;
        }
    }
}
