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

    record Ssh(@Min(100) @Max(30_000) Integer timeoutMillis) {

        Ssh {
            timeoutMillis = timeoutMillis == null ? 5000 : timeoutMillis;
        }
    }
}
