package io.waddleperf.testserver.probes;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The parameter records of every probe type, as they arrive in a run spec's {@code params}.
 * Absent values take the defaults set in the compact constructors; the bounds follow the product
 * spec (a run lasts at most 300 s, packets are 64–9000 B) and keep one run from monopolising a
 * node.
 */
final class ProbeParams {

    /** A run never lasts longer than this, whatever its counts and intervals say. */
    static final long MAX_DURATION_MILLIS = 300_000;

    private ProbeParams() {}

    record TcpConnect(
            @Min(1) @Max(1000) Integer count,
            @Min(0) @Max(10_000) Integer intervalMillis,
            @Min(100) @Max(30_000) Integer timeoutMillis) {

        TcpConnect {
            count = count == null ? 10 : count;
            intervalMillis = intervalMillis == null ? 200 : intervalMillis;
            timeoutMillis = timeoutMillis == null ? 3000 : timeoutMillis;
        }

        @AssertTrue(message = "count × intervalMillis must not exceed 300 s")
        boolean isDurationWithinLimit() {
            return (long) count * intervalMillis <= MAX_DURATION_MILLIS;
        }
    }

    record UdpEcho(
            @Min(1) @Max(10_000) Integer count,
            @Min(1) @Max(1000) Integer intervalMillis,
            @Min(64) @Max(9000) Integer packetSize,
            @Min(100) @Max(10_000) Integer timeoutMillis,

            @Size(min = 8, max = 32) @Pattern(regexp = "[\\x21-\\x7e]*", message = "must be printable ASCII")
            String token) {

        UdpEcho {
            count = count == null ? 50 : count;
            intervalMillis = intervalMillis == null ? 20 : intervalMillis;
            packetSize = packetSize == null ? 64 : packetSize;
            timeoutMillis = timeoutMillis == null ? 1000 : timeoutMillis;
        }

        @AssertTrue(message = "count × intervalMillis must not exceed 300 s")
        boolean isDurationWithinLimit() {
            return (long) count * intervalMillis <= MAX_DURATION_MILLIS;
        }
    }

    record Http(
            @Pattern(regexp = "GET|HEAD", message = "must be GET or HEAD")
            String method,

            @Min(100) @Max(60_000) Integer timeoutMillis,
            Boolean insecure,
            @Min(0) @Max(100 * 1024 * 1024) Integer maxBodyBytes) {

        Http {
            method = method == null ? "GET" : method;
            timeoutMillis = timeoutMillis == null ? 10_000 : timeoutMillis;
            insecure = insecure != null && insecure;
            maxBodyBytes = maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
        }
    }

    record Dns(
            @Size(min = 1, max = 300) String resolver,

            @Pattern(
                    regexp = "A|AAAA|CNAME|MX|NS|TXT|SOA|SRV|PTR|CAA|HTTPS|SVCB|DS|DNSKEY",
                    message = "must be one of A, AAAA, CNAME, MX, NS, TXT, SOA, SRV, PTR, CAA, HTTPS, SVCB, DS,"
                            + " DNSKEY")
            String qtype,

            @Min(100) @Max(30_000) Integer timeoutMillis,
            Boolean tcp) {

        Dns {
            qtype = qtype == null ? "A" : qtype;
            timeoutMillis = timeoutMillis == null ? 3000 : timeoutMillis;
            tcp = tcp != null && tcp;
        }
    }

    /**
     * Names and bounds match the API's validator (api ProbeParameters, THROUGHPUT), so a test the
     * API accepted is never refused here. {@code echoPort} is node-only: where to measure latency
     * under load.
     */
    record Throughput(
            @Pattern(regexp = "tcp|udp", message = "must be tcp or udp")
            String protocol,

            @Min(1) @Max(300) Integer durationSeconds,
            @Min(1) @Max(128) Integer streams,
            @Min(64) @Max(9000) Integer packetSize,
            @Min(0) @Max(100_000_000_000L) Long bandwidthBitsPerSecond,
            @Min(0) @Max(10) Integer omitSeconds,
            Boolean reverse,
            Boolean bidirectional,
            @Min(1) @Max(65_535) Integer echoPort) {

        /** iperf3's TCP write size when {@code -l} is not given. */
        static final int DEFAULT_TCP_BLOCK = 128 * 1024;

        /** iperf3 sizes UDP datagrams to the path MTU; 1400 fits any common path without fragments. */
        static final int DEFAULT_UDP_DATAGRAM = 1400;

        /** iperf3's UDP default of 1 Mbit/s (1024 × 1024 bit/s); TCP is unlimited by default. */
        static final long DEFAULT_UDP_BANDWIDTH = 1024 * 1024;

        Throughput {
            protocol = protocol == null ? "tcp" : protocol;
            durationSeconds = durationSeconds == null ? 10 : durationSeconds;
            streams = streams == null ? 1 : streams;
            omitSeconds = omitSeconds == null ? 0 : omitSeconds;
            reverse = reverse != null && reverse;
            bidirectional = bidirectional != null && bidirectional;
            echoPort = echoPort == null ? 2000 : echoPort;
        }

        boolean udp() {
            return "udp".equals(protocol);
        }

        /** {@code -l}: the UDP datagram size, or the TCP write size. */
        int blockSize() {
            return packetSize != null ? packetSize : udp() ? DEFAULT_UDP_DATAGRAM : DEFAULT_TCP_BLOCK;
        }

        long bandwidth() {
            return bandwidthBitsPerSecond != null ? bandwidthBitsPerSecond : udp() ? DEFAULT_UDP_BANDWIDTH : 0;
        }

        @AssertTrue(message = "reverse and bidirectional cannot both be set")
        boolean isOneDirection() {
            return !(reverse && bidirectional);
        }
    }

    record Ssh(@Min(100) @Max(30_000) Integer timeoutMillis) {

        Ssh {
            timeoutMillis = timeoutMillis == null ? 5000 : timeoutMillis;
        }
    }
}
