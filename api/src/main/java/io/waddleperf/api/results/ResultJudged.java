package io.waddleperf.api.results;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A probe run's result was stored with its verdict against its tier's thresholds. Published in
 * the storing transaction, like {@link ResultStored}; AutoPerf escalates on it after the commit.
 *
 * @param breaches the thresholds that fired, empty when the verdict is {@code ok}
 */
public record ResultJudged(
        UUID orgId,
        UUID runId,
        @Nullable UUID parentRunId,
        @Nullable Integer tier,
        @Nullable UUID nodeId,
        String type,
        String target,
        List<Breach> breaches) {

    /** One threshold that fired; numbers, except for {@code status} (expected and actual status). */
    public record Breach(String metric, Object threshold, Object value) {}

    public boolean breached() {
        return !breaches.isEmpty();
    }
}
