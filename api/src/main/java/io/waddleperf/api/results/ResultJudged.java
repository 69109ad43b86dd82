package io.waddleperf.api.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A probe run's result was stored with its verdict against its tier's thresholds. Published in
 * the storing transaction, like {@link ResultStored}: AutoPerf keeps its trend rollups and live
 * board there (so they commit with the result), and escalates after the commit.
 *
 * @param monitorId the AutoPerf monitor whose run this is, else null
 * @param status succeeded, failed, timed_out, canceled or skipped
 * @param verdict ok or breach, as the results API reports it
 * @param figures the result's measured figures by name ({@code latency_ms}, {@code jitter_ms},
 *     {@code loss_percent}, {@code http_total_ms}, {@code dns_ms}, {@code throughput_down_mbps},
 *     {@code throughput_up_mbps}); a figure the probe did not measure is absent
 * @param breaches the thresholds that fired, empty when the verdict is {@code ok}
 */
public record ResultJudged(
        UUID orgId,
        UUID runId,
        @Nullable UUID parentRunId,
        @Nullable Integer tier,
        @Nullable UUID nodeId,
        @Nullable String nodeName,
        String type,
        String target,
        @Nullable UUID monitorId,
        String status,
        String verdict,
        Instant finishedAt,
        Map<String, Double> figures,
        List<Breach> breaches) {

    /** One threshold that fired; numbers, except for {@code status} (expected and actual status). */
    public record Breach(String metric, Object threshold, Object value) {}

    public boolean breached() {
        return !breaches.isEmpty();
    }
}
