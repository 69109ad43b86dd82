package io.waddleperf.api.runs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A run as the API shows it. A tier run has no probe type and one child per probe of the tier;
 * its status follows its children.
 *
 * @param type the probe type's wire name, null for a tier run
 * @param result the node's result object, null until the node sent one
 * @param monitorId the monitor whose round or escalation started the run, else null
 * @param escalation why AutoPerf escalated to this tier run, else null
 */
public record RunView(
        UUID id,
        @Nullable UUID parentRunId,
        @Nullable UUID testId,
        @Nullable String testName,
        @Nullable Integer tier,
        @Nullable String type,
        String target,
        @Nullable UUID nodeId,
        @Nullable String nodeName,
        RunStatus status,
        @Nullable String reason,
        Instant createdAt,
        @Nullable Instant dispatchedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Map<String, Object> result,
        @Nullable UUID monitorId,
        @Nullable Escalation escalation,
        List<RunView> children) {

    /**
     * The breach that started an escalated tier run: in the tier-{@code fromTier} run
     * {@code fromRunId}, the {@code probe} result crossed {@code metric}'s {@code threshold} with
     * {@code value}.
     */
    // Named apart from the monitor's cooldown settings (Monitor.Escalation) in the OpenAPI document.
    @Schema(name = "RunEscalation")
    public record Escalation(
            UUID fromRunId, int fromTier, String probe, String metric, Object threshold, Object value) {}
}
