package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * {@code ioctl(fd, SIOCGSTAMPNS, &timespec)} through the foreign-function API (JDK 22+): the
 * kernel's receive time of the datagram last read from a socket. Loaded by {@link ReceiveClock}
 * by name, so the rest of the node still runs on JDK 21.
 *
 * <p>The first call on a socket turns the kernel's stamping on for it; datagrams read afterwards
 * carry the time the kernel received them (CLOCK_REALTIME). The descriptor is found as {@link
 * LinuxTcpInfo} finds a TCP socket's, by the connected socket's own and peer addresses, and a
 * stamp is trusted only if the channel was still open after the call.
 */
final class LinuxReceiveClock implements ReceiveClock.Platform {

    /** linux/sockios.h; with 64-bit {@code time_t} the answer is two longs. */
    private static final long SIOCGSTAMPNS = 0x8907;

    private final LinuxTcpInfo sockets = new LinuxTcpInfo();
    private final MethodHandle ioctl;

    LinuxReceiveClock() {
        if (ValueLayout.ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException("struct timespec is two longs only on 64-bit Linux");
        }
        Linker linker = Linker.nativeLinker();
        // ioctl is variadic: the third argument is passed as a variadic pointer.
        ioctl = linker.downcallHandle(
                linker.defaultLookup().find("ioctl").orElseThrow(),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                Linker.Option.firstVariadicArg(2));
    }

    @Override
    public ReceiveClock.Socket open(DatagramChannel channel) {
        InetSocketAddress local;
        InetSocketAddress remote;
        try {
            local = (InetSocketAddress) channel.getLocalAddress();
            remote = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return () -> ReceiveClock.UNKNOWN;
        }
        if (local == null || remote == null) {
            return () -> ReceiveClock.UNKNOWN;
        }
        int fd = sockets.find(local, remote);
        if (fd < 0) {
            return () -> ReceiveClock.UNKNOWN;
        }
        // One stream thread reads its socket's stamps; the memory lives as long as the socket.
        MemorySegment timespec = Arena.ofAuto().allocate(16, 8);
        // Turns stamping on; what it answers now (nothing read yet) is of no use.
        stamp(fd, timespec);
        return () -> {
            long nanos = stamp(fd, timespec);
            return channel.isOpen() ? nanos : ReceiveClock.UNKNOWN;
        };
    }

    private long stamp(int fd, MemorySegment timespec) {
        try {
            int rc = (int) ioctl.invokeExact(fd, SIOCGSTAMPNS, timespec);
            if (rc != 0) {
                return ReceiveClock.UNKNOWN;
            }
            return timespec.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + timespec.get(ValueLayout.JAVA_LONG, 8);
        } catch (Throwable e) {
            // invokeExact declares Throwable; no stamp this time.
            return ReceiveClock.UNKNOWN;
        }
    }
}
