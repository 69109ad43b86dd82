package io.waddleperf.api.results.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The typed summary columns of a result, read from the node's result object of its probe type.
 * A figure the probe does not measure, or one the node left out or sent with the wrong type, is
 * null: a malformed result must never fail the run that carries it.
 */
public record Metrics(
        @Nullable Double latencyAvgMs,
        @Nullable Double latencyP50Ms,
        @Nullable Double latencyP95Ms,
        @Nullable Double latencyP99Ms,
        @Nullable Double jitterMs,
        @Nullable Double lossPercent,
        @Nullable Double throughputUpMbps,
        @Nullable Double throughputDownMbps,
        @Nullable Long retransmits,
        @Nullable Double httpTotalMs,
        @Nullable Double dnsMs,
        @Nullable Integer certificateDaysLeft) {

    static final Metrics NONE = new Metrics(null, null, null, null, null, null, null, null, null, null, null, null);

    /** The node's result object of {@code type} (docs/results.md lists which field feeds which column). */
    public static Metrics of(String type, Map<String, Object> summary) {
        return switch (type) {
            case "tcp_connect" -> latency(summary.get("rtt"), null, null).build();
            case "udp_echo" ->
                latency(summary.get("rtt"), number(summary, "jitterMillis"), number(summary, "lossPercent"))
                        .build();
            case "http" -> {
                Builder b = new Builder();
                b.httpTotalMs = number(summary, "totalMillis");
                Double days = number(summary, "certificateDaysLeft");
                b.certificateDaysLeft = days == null ? null : (int) Math.floor(days);
                yield b.build();
            }
            case "dns" -> {
                Builder b = new Builder();
                b.dnsMs = number(summary, "timeMillis");
                yield b.build();
            }
            case "throughput" -> throughput(summary);
            case "speedtest" -> {
                Builder b = new Builder();
                b.latencyAvgMs = number(summary, "pingMs");
                b.jitterMs = number(summary, "jitterMs");
                b.throughputUpMbps = number(summary, "uploadMbps");
                b.throughputDownMbps = number(summary, "downloadMbps");
                yield b.build();
            }
            // ssh: connect, banner and key-exchange times stay in the summary; no column fits them.
            default -> NONE;
        };
    }

    /** The latency figure thresholds compare: p95, or the average when only that was measured. */
    @Nullable
    Double latencyForThreshold() {
        return latencyP95Ms != null ? latencyP95Ms : latencyAvgMs;
    }

    /** The slower of the measured directions, which is what a minimum-throughput threshold is about. */
    @Nullable
    Double slowestThroughput() {
        if (throughputUpMbps == null) {
            return throughputDownMbps;
        }
        return throughputDownMbps == null ? throughputUpMbps : Math.min(throughputUpMbps, throughputDownMbps);
    }

    private static Metrics throughput(Map<String, Object> summary) {
        Builder b = latency(
                summary.get("latencyUnderLoad"), number(summary, "jitterMillis"), number(summary, "lossPercent"));
        boolean reverse = Boolean.TRUE.equals(summary.get("reverse"));
        boolean bidirectional = Boolean.TRUE.equals(summary.get("bidirectional"));
        // A one-way test reports 0 for the direction it did not measure; that is no figure, not 0 Mbit/s.
        if (!reverse || bidirectional) {
            b.throughputUpMbps = number(summary, "uploadMbps");
        }
        if (reverse || bidirectional) {
            b.throughputDownMbps = number(summary, "downloadMbps");
        }
        Double retransmits = number(summary, "retransmits");
        b.retransmits = retransmits == null ? null : retransmits.longValue();
        return b.build();
    }

    private static Builder latency(@Nullable Object rtt, @Nullable Double jitter, @Nullable Double loss) {
        Builder b = new Builder();
        b.jitterMs = jitter;
        b.lossPercent = loss;
        if (rtt instanceof Map<?, ?> latency) {
            Double samples = number(latency, "samples");
            // No sample (every attempt failed) leaves the node's zeros, which are not a latency.
            if (samples == null || samples > 0) {
                b.latencyAvgMs = number(latency, "avg");
                b.latencyP50Ms = number(latency, "p50");
                b.latencyP95Ms = number(latency, "p95");
                b.latencyP99Ms = number(latency, "p99");
            }
        }
        return b;
    }

    static @Nullable Double number(Map<?, ?> map, String key) {
        return map.get(key) instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }

    private static final class Builder {
        Double latencyAvgMs;
        Double latencyP50Ms;
        Double latencyP95Ms;
        Double latencyP99Ms;
        Double jitterMs;
        Double lossPercent;
        Double throughputUpMbps;
        Double throughputDownMbps;
        Long retransmits;
        Double httpTotalMs;
        Double dnsMs;
        Integer certificateDaysLeft;

        Metrics build() {
            return new Metrics(
                    latencyAvgMs,
                    latencyP50Ms,
                    latencyP95Ms,
                    latencyP99Ms,
                    jitterMs,
                    lossPercent,
                    throughputUpMbps,
                    throughputDownMbps,
                    retransmits,
                    httpTotalMs,
                    dnsMs,
                    certificateDaysLeft);
        }
    }
}
