package io.waddleperf.api.alerts.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerts ({@code waddleperf.alerts}).
 *
 * @param noticeInterval how often the cluster job looks for transitions to tell
 * @param noticeHold how long a transition waits before it is told, so that a storm's alerts are
 *     seen together; added to every notification's latency (with up to one {@code noticeInterval})
 * @param noticeQuiet a burst of transitions is told once none came for this long (or once its
 *     first has waited {@code noticeMaxHold})
 * @param noticeMaxHold the longest a transition waits while a burst goes on
 * @param stormThreshold more alerts than this raised in one organisation within {@code
 *     stormWindow} are told as one group
 * @param stormWindow the "within a minute" of the storm rule
 * @param retentionInterval how often resolved alerts past the results' retention are deleted
 */
@Validated
@ConfigurationProperties("waddleperf.alerts")
public record AlertsProperties(
        @DefaultValue("1s") @NotNull Duration noticeInterval,
        @DefaultValue("3s") @NotNull Duration noticeHold,
        @DefaultValue("1s") @NotNull Duration noticeQuiet,
        @DefaultValue("10s") @NotNull Duration noticeMaxHold,
        @DefaultValue("10") @Min(1) @Max(10_000) int stormThreshold,
        @DefaultValue("1m") @NotNull Duration stormWindow,
        @DefaultValue("1h") @NotNull Duration retentionInterval) {}
