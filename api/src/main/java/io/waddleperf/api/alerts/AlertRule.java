package io.waddleperf.api.alerts;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waddleperf.api.notifications.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert rule as the API shows it.
 *
 * @param channelIds the channels to tell; empty: every channel that hears the severity
 */
public record AlertRule(
        UUID id,
        String name,
        Scope scope,
        Condition condition,
        Raise raise,
        Vantage vantage,
        Severity severity,
        Clear clear,
        List<UUID> channelIds,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    /** One monitor, the monitors with a vantage point of {@code label}, or (both null) all. */
    @Schema(name = "AlertScope")
    public record Scope(@Nullable UUID monitorId, @Nullable String label) {}

    /**
     * {@code type} {@code metric}: a round's result breaches when {@code metric} ({@code
     * <probe>.<figure>}) compares true with {@code threshold}, or the probe run failed. {@code
     * type} {@code thresholds}: when the result breached the organisation's tier-1 thresholds
     * (its verdict).
     */
    @Schema(name = "AlertCondition")
    public record Condition(
            String type,
            @Nullable String metric,
            @Nullable String comparison,
            @Nullable Double threshold) {}

    /** Raise when at least {@code breaches} of the last {@code ofRounds} rounds breached. */
    @Schema(name = "AlertRaise")
    public record Raise(int breaches, int ofRounds) {}

    /**
     * How many of a round's vantage nodes must breach for the round to breach: at least {@code
     * minCount} (capped at the nodes the round ran on) and at least {@code minPercent} of them.
     */
    @Schema(name = "AlertVantage")
    public record Vantage(
            @Nullable Integer minCount, @Nullable Double minPercent) {}

    /** Resolve after {@code goodRounds} rounds in a row that did not breach. */
    @Schema(name = "AlertClear")
    public record Clear(int goodRounds) {}
}
