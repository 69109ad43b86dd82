package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code getsockopt(fd, IPPROTO_TCP, TCP_INFO)} through the foreign-function API (JDK 22+); loaded
 * by {@link TcpInfoReader} by name, so the rest of the node still runs on JDK 21.
 *
 * <p>A {@code SocketChannel} does not reveal its file descriptor, and reaching into {@code
 * sun.nio.ch} would need {@code --add-opens} wherever the node runs. So the descriptor is found
 * the way {@code ss -p} finds it: among this process's sockets ({@code /proc/self/fd}), the one
 * whose own and peer addresses ({@code getsockname}, {@code getpeername}) are the channel's. A
 * connected TCP socket's address pair is unique, and the search runs once per stream.
 *
 * <p>The descriptor stays valid only while the channel is open; after a close the number may be
 * reused by another socket, so a read is trusted only if the channel was still open after it.
 */
final class LinuxTcpInfo implements TcpInfoReader.Platform {

    private static final int IPPROTO_TCP = 6;
    private static final int TCP_INFO = 11;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    /** {@code struct tcp_info} offsets from linux/tcp.h; the layout only ever grows at the end. */
    private static final long SND_MSS = 16;

    private static final long PMTU = 60;
    private static final long RTT = 68;
    private static final long RTTVAR = 72;
    private static final long SND_CWND = 80;
    private static final long TOTAL_RETRANS = 100;
    /** {@code tcpi_snd_wnd}, Linux 5.4+: a shorter answer from an older kernel has no window. */
    private static final long SND_WND = 228;

    /** Room for the whole struct on newer kernels; the kernel copies at most this much. */
    private static final int TCP_INFO_ROOM = 512;

    /** {@code struct sockaddr_storage}. */
    private static final int SOCKADDR_ROOM = 128;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MethodHandle getsockopt;
    private final MethodHandle getsockname;
    private final MethodHandle getpeername;

    LinuxTcpInfo() {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor address = FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
        getsockopt = linker.downcallHandle(
                linker.defaultLookup().find("getsockopt").orElseThrow(),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS));
        getsockname =
                linker.downcallHandle(linker.defaultLookup().find("getsockname").orElseThrow(), address);
        getpeername =
                linker.downcallHandle(linker.defaultLookup().find("getpeername").orElseThrow(), address);
    }

    @Override
    public TcpInfoReader.Socket open(SocketChannel channel) {
        InetSocketAddress local;
        InetSocketAddress remote;
        try {
            local = (InetSocketAddress) channel.getLocalAddress();
            remote = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return () -> null;
        }
        if (local == null || remote == null) {
            return () -> null;
        }
        int fd = find(local, remote);
        if (fd < 0) {
            return () -> null;
        }
        return () -> {
            TcpInfo info = read(fd);
            return channel.isOpen() ? info : null;
        };
    }

    /** The descriptor of the socket with these own and peer addresses, or -1. */
    int find(InetSocketAddress local, InetSocketAddress remote) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"));
                Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SOCKADDR_ROOM);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            for (Path entry : fds) {
                int fd;
                try {
                    fd = Integer.parseInt(entry.getFileName().toString());
                    if (!Files.readSymbolicLink(entry).toString().startsWith("socket:")) {
                        continue;
                    }
                } catch (NumberFormatException | IOException e) {
                    // Not a descriptor, or one closed since the listing.
                    continue;
                }
                if (matches(getsockname, fd, address, length, local)
                        && matches(getpeername, fd, address, length, remote)) {
                    return fd;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static boolean matches(
            MethodHandle call, int fd, MemorySegment address, MemorySegment length, InetSocketAddress expected) {
        length.set(ValueLayout.JAVA_INT, 0, SOCKADDR_ROOM);
        if (invoke(call, fd, address, length) != 0) {
            return false;
        }
        int family = Short.toUnsignedInt(address.get(ValueLayout.JAVA_SHORT, 0));
        int port = Short.toUnsignedInt(address.get(PORT, 2));
        if (port != expected.getPort()) {
            return false;
        }
        byte[] raw;
        if (family == AF_INET) {
            raw = address.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
        } else if (family == AF_INET6) {
            raw = address.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
        } else {
            return false;
        }
        try {
            // An IPv4-mapped IPv6 address comes back as the Inet4Address the channel reports too.
            return InetAddress.getByAddress(raw).equals(expected.getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private @Nullable TcpInfo read(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(TCP_INFO_ROOM);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, TCP_INFO_ROOM);
            int rc = (int) getsockopt.invokeExact(fd, IPPROTO_TCP, TCP_INFO, info, length);
            int filled = length.get(ValueLayout.JAVA_INT, 0);
            if (rc != 0 || filled < TOTAL_RETRANS + 4) {
                return null;
            }
            long mss = unsigned(info, SND_MSS);
            return new TcpInfo(
                    unsigned(info, TOTAL_RETRANS),
                    unsigned(info, SND_CWND) * mss,
                    filled >= SND_WND + 4 ? unsigned(info, SND_WND) : -1,
                    unsigned(info, RTT),
                    unsigned(info, RTTVAR),
                    unsigned(info, PMTU));
        } catch (Throwable e) {
            // invokeExact declares Throwable; a failed read only means no figures this time.
            return null;
        }
    }

    private static long unsigned(MemorySegment info, long offset) {
        return Integer.toUnsignedLong(info.get(U32, offset));
    }

    private static int invoke(MethodHandle call, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) call.invokeExact(fd, address, length);
        } catch (Throwable e) {
            // invokeExact declares Throwable; the descriptor is then simply not the one sought.
            return -1;
        }
    }
}
