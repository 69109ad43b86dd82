package io.waddleperf.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A probe's parameters after {@link ProbeContract#check} accepted them and
 * {@link ProbeContract#params} filled in the defaults. The records are the parameters' JSON form:
 * their component names are the names in a run spec's {@code params}.
 */
public sealed interface ProbeParams {

    /** The longest the probe can take with these parameters, before the node's own overhead. */
    long expectedMillis();

    /** A run never lasts longer than this, whatever its counts and intervals say (SPEC section 5). */
    long MAX_DURATION_MILLIS = 300_000;

    record TcpConnect(int count, int intervalMillis, int timeoutMillis) implements ProbeParams {
        @Override
        public long expectedMillis() {
            return (long) count * intervalMillis + timeoutMillis;
        }
    }

    record UdpEcho(
            int count,
            int intervalMillis,
            int packetSize,
            int timeoutMillis,
            @Nullable String token) implements ProbeParams {
        @Override
        public long expectedMillis() {
            return (long) count * intervalMillis + timeoutMillis;
        }
    }

    record Http(String method, int timeoutMillis, boolean insecure, long maxBodyBytes) implements ProbeParams {
        @Override
        public long expectedMillis() {
            return timeoutMillis;
        }
    }

    /** @param resolver {@code host[:port]} of the resolver to ask; null asks the node's own. */
    record Dns(@Nullable String resolver, String qtype, int timeoutMillis, boolean tcp) implements ProbeParams {
        @Override
        public long expectedMillis() {
            return timeoutMillis;
        }
    }

    record Ssh(int timeoutMillis) implements ProbeParams {
        @Override
        public long expectedMillis() {
            return timeoutMillis;
        }
    }

    /**
     * @param packetSize {@code -l}: the UDP datagram size or the TCP write size; null takes
     *     {@link #blockSize()}'s iperf3 defaults
     * @param bandwidthBitsPerSecond {@code -b} per stream; null takes iperf3's default
     * @param echoPort the target's UDP echo port, for latency under load
     * @param capture whether the node records the test's packet headers and hands them to the API
     */
    record Throughput(
            String protocol,
            int durationSeconds,
            int streams,
            @Nullable Integer packetSize,
            @Nullable Long bandwidthBitsPerSecond,
            int omitSeconds,
            boolean reverse,
            boolean bidirectional,
            int echoPort,
            boolean capture)
            implements ProbeParams {

        /** iperf3's TCP write size when {@code -l} is not given. */
        public static final int DEFAULT_TCP_BLOCK = 128 * 1024;

        /** iperf3 sizes UDP datagrams to the path MTU; 1400 fits any common path without fragments. */
        public static final int DEFAULT_UDP_DATAGRAM = 1400;

        /** iperf3's UDP default of 1 Mbit/s (1024 × 1024 bit/s); TCP is unlimited by default. */
        public static final long DEFAULT_UDP_BANDWIDTH = 1024 * 1024;

        public boolean udp() {
            return "udp".equals(protocol);
        }

        /** {@code -l}: the UDP datagram size, or the TCP write size. */
        public int blockSize() {
            return packetSize != null ? packetSize : udp() ? DEFAULT_UDP_DATAGRAM : DEFAULT_TCP_BLOCK;
        }

        public long bandwidth() {
            return bandwidthBitsPerSecond != null ? bandwidthBitsPerSecond : udp() ? DEFAULT_UDP_BANDWIDTH : 0;
        }

        @Override
        public long expectedMillis() {
            return (durationSeconds + omitSeconds) * 1000L;
        }
    }
}
