package io.waddleperf.api.results.internal;

import io.waddleperf.protocol.Latency;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

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

    /**
     * Figures the records do not know (a newer node's) are ignored, not a reason to drop the rest;
     * a count or time another tool left out of an ingested summary reads as 0 (the figures that
     * feed columns are nullable in the records, so those stay absent).
     */
    private static final JsonMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static final Metrics NONE = new Metrics(null, null, null, null, null, null, null, null, null, null, null, null);

    /**
     * The columns of a result object of {@code type}: a node's result, read as the node protocol's
     * typed record, or a browser speed test's summary (docs/results.md lists which figure feeds
     * which column).
     */
    public static Metrics of(String type, Map<String, Object> summary) {
        if (type.equals("speedtest")) {
            return read(summary, SpeedTestSummary.class).map(Metrics::of).orElse(NONE);
        }
        return ProbeType.fromWireName(type)
                .flatMap(probe -> read(summary, ProbeResult.recordOf(probe)))
                .map(Metrics::of)
                .orElse(NONE);
    }

    /** The columns a node's typed result fills. */
    public static Metrics of(ProbeResult result) {
        Builder b = new Builder();
        switch (result) {
            case ProbeResult.TcpConnect r -> b.latency(r.rtt());
            case ProbeResult.UdpEcho r -> {
                b.latency(r.rtt());
                b.jitterMs = finite(r.jitterMillis());
                b.lossPercent = finite(r.lossPercent());
            }
            case ProbeResult.Http r -> {
                b.httpTotalMs = finite(r.totalMillis());
                b.certificateDaysLeft = r.certificateDaysLeft() == null
                        ? null
                        : r.certificateDaysLeft().intValue();
            }
            case ProbeResult.Dns r -> b.dnsMs = finite(r.timeMillis());
            // ssh: connect, banner and key-exchange times stay in the summary; no column fits them.
            case ProbeResult.Ssh r -> {}
            case ProbeResult.Throughput r -> {
                b.latency(r.latencyUnderLoad());
                b.jitterMs = finite(r.jitterMillis());
                b.lossPercent = finite(r.lossPercent());
                // A one-way test reports 0 for the direction it did not measure; that is no figure, not 0 Mbit/s.
                b.throughputUpMbps = r.measuredUpload() ? finite(r.uploadMbps()) : null;
                b.throughputDownMbps = r.measuredDownload() ? finite(r.downloadMbps()) : null;
                b.retransmits = r.retransmits();
            }
        }
        return b.build();
    }

    private static Metrics of(SpeedTestSummary s) {
        Builder b = new Builder();
        b.latencyAvgMs = finite(s.pingMs());
        b.jitterMs = finite(s.jitterMs());
        b.throughputUpMbps = finite(s.uploadMbps());
        b.throughputDownMbps = finite(s.downloadMbps());
        return b.build();
    }

    /**
     * Reads a result object as its record. Anything the record cannot hold (a figure of the wrong
     * type) yields nothing: a malformed result must never fail the run that carries it.
     */
    private static <T> Optional<T> read(Map<String, Object> summary, Class<T> type) {
        try {
            return Optional.ofNullable(READER.convertValue(summary, type));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The measured figures by the names AutoPerf's trends and live board use; latency is the
     * median, or the average where only that was measured. Absent figures are left out.
     */
    public Map<String, Double> figures() {
        Map<String, Double> figures = new LinkedHashMap<>();
        put(figures, "latency_ms", latencyP50Ms != null ? latencyP50Ms : latencyAvgMs);
        put(figures, "jitter_ms", jitterMs);
        put(figures, "loss_percent", lossPercent);
        put(figures, "http_total_ms", httpTotalMs);
        put(figures, "dns_ms", dnsMs);
        put(figures, "throughput_down_mbps", throughputDownMbps);
        put(figures, "throughput_up_mbps", throughputUpMbps);
        return Collections.unmodifiableMap(figures);
    }

    private static void put(Map<String, Double> figures, String name, @Nullable Double value) {
        if (value != null) {
            figures.put(name, value);
        }
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

    private static @Nullable Double finite(@Nullable Double value) {
        return value != null && Double.isFinite(value) ? value : null;
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

        /** No sample (every attempt failed) leaves the node's zeros, which are not a latency. */
        void latency(@Nullable Latency latency) {
            if (latency != null && latency.measured()) {
                latencyAvgMs = finite(latency.avg());
                latencyP50Ms = finite(latency.p50());
                latencyP95Ms = finite(latency.p95());
                latencyP99Ms = finite(latency.p99());
            }
        }

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
