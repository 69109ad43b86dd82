package io.waddleperf.testserver.iperf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * {@code recv(fd, buf, len, MSG_TRUNC)} through the foreign-function API (JDK 22+): the kernel
 * frees the received bytes instead of copying them out. Loaded by {@link DiscardingReceive} by
 * name, so the rest of the node still runs on JDK 21.
 *
 * <p>The descriptor is found as {@link LinuxTcpInfo} finds it, by the connected socket's own and
 * peer addresses. The caller must not let the channel be closed while a {@code recv} may be under
 * way, nor call it after the close: the number may by then belong to another socket.
 */
final class LinuxDiscardingReceive implements DiscardingReceive.Platform {

    /** linux/socket.h. */
    private static final int MSG_TRUNC = 0x20;

    /** asm-generic/errno-base.h and errno.h. */
    private static final int EINTR = 4;

    private static final int EAGAIN = 11;
    private static final int ECONNRESET = 104;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final LinuxTcpInfo sockets = new LinuxTcpInfo();
    private final MethodHandle recv;
    private final MethodHandle strerror;

    LinuxDiscardingReceive() {
        Linker linker = Linker.nativeLinker();
        recv = linker.downcallHandle(
                linker.defaultLookup().find("recv").orElseThrow(),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT),
                Linker.Option.captureCallState("errno"));
        strerror = linker.downcallHandle(
                linker.defaultLookup().find("strerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    @Override
    public DiscardingReceive.@Nullable Socket open(SocketChannel channel) {
        if (!channel.isBlocking()) {
            return null;
        }
        InetSocketAddress local;
        InetSocketAddress remote;
        try {
            local = (InetSocketAddress) channel.getLocalAddress();
            remote = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
        if (local == null || remote == null) {
            return null;
        }
        int fd = sockets.find(local, remote);
        if (fd < 0) {
            return null;
        }
        // One stream thread receives on the socket; the errno slot lives as long as the socket.
        MemorySegment state = Arena.ofAuto().allocate(CALL_STATE);
        return buffer -> receive(fd, state, buffer);
    }

    private int receive(int fd, MemorySegment state, ByteBuffer buffer) throws IOException {
        if (!buffer.isDirect()) {
            // A downcall takes native memory only; the streams' pool hands out direct buffers.
            throw new IllegalArgumentException("discarding receive needs a direct buffer");
        }
        // The buffer is never written with MSG_TRUNC, but real memory of the length passed keeps
        // the call safe even on a kernel that copied after all.
        MemorySegment memory = MemorySegment.ofBuffer(buffer);
        while (true) {
            long got;
            try {
                got = (long) recv.invokeExact(state, fd, memory, memory.byteSize(), MSG_TRUNC);
            } catch (Throwable e) {
                // invokeExact declares Throwable; the handle's own failures are unchecked.
                throw new IllegalStateException("recv failed to run", e);
            }
            if (got >= 0) {
                return (int) got;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                return DiscardingReceive.WOULD_BLOCK;
            }
            if (errno == ECONNRESET) {
                // The message SocketChannel.read gives, so failures read the same either way.
                throw new SocketException("Connection reset");
            }
            throw new IOException("recv: " + describe(errno));
        }
    }

    private String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
            return text.reinterpret(1024).getString(0) + " (errno " + errno + ")";
        } catch (Throwable e) {
            // invokeExact declares Throwable; the number alone still says what happened.
            return "errno " + errno;
        }
    }
}
