package io.waddleperf.api.results.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored result as the API shows it; the web UI binds to these names. {@code breaches} and
 * {@code summary} are stored JSON passed through as they are; {@code samples} only appear on the
 * single-result answer. The raw JSON components carry their real shape in the OpenAPI document
 * (a JSON array or object, not a string).
 */
public record ResultView(
        UUID id,
        UUID runId,
        @Nullable UUID parentRunId,
        @Nullable UUID testId,
        @Nullable String testName,
        @Nullable UUID nodeId,
        @Nullable String nodeName,
        String type,
        String target,
        @Nullable Integer tier,
        String status,
        @Nullable String reason,
        String verdict,

        @Schema(implementation = Verdicts.Breach[].class) @JsonRawValue
        String breaches,

        @Nullable Instant startedAt,
        Instant finishedAt,
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
        @Nullable Integer certificateDaysLeft,
        @Nullable String clientIp,

        @Schema(implementation = Map.class) @JsonRawValue String summary,

        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<SampleView> samples) {

    public record SampleView(
            int second,

            @Schema(implementation = Map.class) @JsonRawValue
            String values) {}

    ResultView withSamples(List<SampleView> list) {
        return new ResultView(
                id,
                runId,
                parentRunId,
                testId,
                testName,
                nodeId,
                nodeName,
                type,
                target,
                tier,
                status,
                reason,
                verdict,
                breaches,
                startedAt,
                finishedAt,
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
                certificateDaysLeft,
                clientIp,
                summary,
                list);
    }
}
