package io.waddleperf.api.results.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A result about to be stored, from a finished run, an ingest or a browser speed test.
 *
 * @param monitorId the AutoPerf monitor whose run this is, else null
 */
public record ResultDraft(
        UUID orgId,
        UUID runId,
        @Nullable UUID parentRunId,
        @Nullable UUID testId,
        @Nullable UUID nodeId,
        @Nullable String nodeName,
        String type,
        String target,
        @Nullable Integer tier,
        String status,
        @Nullable String reason,
        @Nullable Instant startedAt,
        Instant finishedAt,
        Map<String, Object> summary,
        List<Sample> samples,
        @Nullable String clientIp,
        @Nullable UUID monitorId) {

    public record Sample(int second, Map<String, Object> values) {}
}
