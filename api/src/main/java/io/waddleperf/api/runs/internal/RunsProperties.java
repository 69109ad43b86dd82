package io.waddleperf.api.runs.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs are dispatched and watched.
 *
 * @param maxAttempts nodes tried per probe run before it fails (retry on another eligible node)
 * @param connectTimeout to a node's control API
 * @param requestTimeout of the start and cancel calls (not of the event stream, which the run's
 *     time limit bounds)
 * @param tokenLifetime of a per-run token; nodes refuse more than 15 minutes
 * @param eventPollInterval how often an event-stream subscriber reads new events that another
 *     replica stored
 * @param sweepInterval how often the sweeper (a cluster job, on one replica) looks for overdue runs
 * @param sweepGrace how long past its deadline a run may stay open before the sweeper ends it; the
 *     dispatching replica's own time limit acts at the deadline, so the sweeper only catches runs
 *     whose replica died
 * @param streamTimeout longest an SSE subscription stays open
 * @param eventRetention how long run events (the stored SSE stream) are kept; results keep the
 *     summary and samples with their tier's retention
 * @param eventRetentionInterval how often the retention job runs
 * @param eventDeleteBatchSize events per DELETE, each its own short transaction
 * @param tierPlan how long the throughput probe of a tier run transfers
 * @param throughputSlip how long a throughput run waits for its node while another throughput run
 *     holds it (they are exclusive per node) before it is skipped
 * @param throughputWaitPoll how often a waiting throughput run asks for its node again
 * @param acceptanceAloneAfter how long the record that a node accepted a run waits to be written
 *     with the node's first events (one transaction) before it is written alone
 */
@Validated
@ConfigurationProperties("waddleperf.runs")
public record RunsProperties(
        @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("5m") Duration tokenLifetime,
        @DefaultValue("250ms") Duration eventPollInterval,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("30s") Duration sweepGrace,
        @DefaultValue("20m") Duration streamTimeout,
        @DefaultValue("7d") Duration eventRetention,
        @DefaultValue("1h") Duration eventRetentionInterval,
        @DefaultValue("1000") @Min(1) @Max(100000) int eventDeleteBatchSize,
        @DefaultValue @Valid Circuit circuit,
        @DefaultValue @Valid TierPlanSettings tierPlan,
        @DefaultValue("5m") Duration throughputSlip,
        @DefaultValue("500ms") Duration throughputWaitPoll,
        @DefaultValue("500ms") Duration acceptanceAloneAfter) {

    /**
     * Tier runs' throughput length (SPEC section 6: a 10 s test at tier 2, 60 s at tier 3). Shorter
     * tests cost the measured network less and say less; the node refuses more than 300 s.
     */
    public record TierPlanSettings(
            @DefaultValue("10") @Min(1) @Max(300) int tier2ThroughputSeconds,
            @DefaultValue("60") @Min(1) @Max(300) int tier3ThroughputSeconds) {}

    /**
     * The circuit breaker each node gets: count-based over its last calls; open, it refuses the
     * node for {@code waitInOpenState}, then lets {@code permittedCallsInHalfOpenState} runs probe
     * whether the node is back.
     */
    public record Circuit(
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100")
            float failureRateThreshold,

            @DefaultValue("10") @Min(1) int slidingWindowSize,
            @DefaultValue("2") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState,
            @DefaultValue("1") @Min(1) int permittedCallsInHalfOpenState) {}
}
