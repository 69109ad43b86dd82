package io.waddleperf.api.results.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Results settings.
 *
 * @param idempotencyTtl how long a {@code POST /results} answer is replayed for its key
 * @param retentionInterval how often each replica deletes expired results
 * @param deleteBatchSize rows per retention DELETE; each batch is its own short transaction
 * @param exportChunkSize rows per keyset query while streaming an export
 */
@Validated
@ConfigurationProperties("waddleperf.results")
public record ResultsProperties(
        @DefaultValue("24h") @NotNull Duration idempotencyTtl,
        @DefaultValue("1h") @NotNull Duration retentionInterval,
        @DefaultValue("1000") @Min(1) @Max(10_000) int deleteBatchSize,
        @DefaultValue("2000") @Min(1) @Max(10_000) int exportChunkSize) {}
