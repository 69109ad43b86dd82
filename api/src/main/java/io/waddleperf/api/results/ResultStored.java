package io.waddleperf.api.results;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A result was stored. Published synchronously inside the transaction that stores it, so a
 * listener's writes (the geo rollups) commit or roll back with the result itself. Carries the
 * figures listeners aggregate, never the whole summary.
 *
 * @param latencyMs median latency, or the average where only that is measured (speed tests)
 * @param clientIp the browser's address for speed tests, else null
 */
public record ResultStored(
        UUID orgId,
        UUID resultId,
        String type,
        String target,
        @Nullable UUID nodeId,
        @Nullable String clientIp,
        Instant finishedAt,
        @Nullable Double latencyMs,
        @Nullable Double downloadMbps,
        @Nullable Double uploadMbps,
        @Nullable Double lossPercent) {}
