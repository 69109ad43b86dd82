package io.waddleperf.testserver.sessions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reporting of iperf3 sessions to the API (docs/node-protocol.md).
 *
 * @param enabled whether the node reports the sessions of its iperf3 server at all
 * @param queueCapacity finished sessions kept while the API is away; beyond it the oldest go
 * @param flushInterval how often queued sessions and live progress are sent
 * @param maxBackoff the longest pause between attempts while the API is away
 */
@Validated
@ConfigurationProperties("waddleperf.sessions")
public record SessionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int queueCapacity,
        @DefaultValue("1s") @NotNull Duration flushInterval,
        @DefaultValue("60s") @NotNull Duration maxBackoff) {}
