package io.waddleperf.api.monitors;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of the live board: a monitor's probe at one tier from one vantage node, its latest
 * result and figures over the last rounds. Rows are replaced by {@code key}; a row with a lower
 * {@code version} than one already shown is older.
 *
 * @param metric the figure shown ({@code latency_ms}, …), null for a probe that measures none
 */
public record BoardRow(
        String key,
        UUID monitorId,
        String monitorName,
        String target,
        UUID nodeId,
        String nodeName,
        @Nullable String region,
        List<String> labels,
        String probe,
        int tier,
        @Nullable String metric,
        @Nullable String unit,
        Latest latest,
        Stats stats,
        long version,
        Instant updatedAt) {

    /** The latest result: its value of the metric (null when not measured), status and verdict. */
    @Schema(name = "BoardLatest")
    public record Latest(Instant at, UUID runId, @Nullable Double value, String status, String verdict) {}

    /** Over the last {@code rounds} results: how many failed, and the measured values' figures. */
    @Schema(name = "BoardStats")
    public record Stats(
            int rounds,
            int failed,
            @Nullable Double min,
            @Nullable Double max,
            @Nullable Double avg,
            @Nullable Double p90) {}
}
