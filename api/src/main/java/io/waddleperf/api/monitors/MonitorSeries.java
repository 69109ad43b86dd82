package io.waddleperf.api.monitors;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A monitor's trend of one metric: per vantage node, one point per {@code step} seconds that had
 * rounds, and the tier runs escalated in the period for the timeline.
 *
 * @param metric {@code <probe>.<figure>}, e.g. {@code tcp_connect.latency_ms}
 * @param step seconds per point
 */
public record MonitorSeries(
        UUID monitorId,
        String metric,
        String unit,
        Instant from,
        Instant to,
        int step,
        List<NodeSeries> series,
        List<EscalationMark> escalations) {

    @Schema(name = "SeriesNode")
    public record NodeSeries(UUID nodeId, String nodeName, List<Point> points) {}

    /**
     * One step: {@code count} rounds, {@code failed} of them not succeeded; the percentiles and
     * maximum of the measured values (null when none was measured); the average loss where the
     * probe measures loss.
     */
    @Schema(name = "SeriesPoint")
    public record Point(
            Instant at,
            int count,
            int failed,
            @Nullable Double p50,
            @Nullable Double p95,
            @Nullable Double max,
            @Nullable Double lossPercent) {}

    /** An escalated tier run: when, where, its state, and the breach that started it. */
    @Schema(name = "SeriesEscalation")
    public record EscalationMark(
            UUID runId,
            int tier,
            Instant at,
            @Nullable UUID nodeId,
            @Nullable String nodeName,
            String status,
            String probe,
            String metric,
            Object threshold,
            Object value) {}
}
