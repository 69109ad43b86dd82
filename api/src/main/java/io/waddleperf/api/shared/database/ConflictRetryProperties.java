package io.waddleperf.api.shared.database;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.validation.annotation.Validated;

/**
 * How {@link RetryOnConflict} retries. The defaults wait 20–40 ms before the first retry and at
 * most 0.6 s in all over four retries: long enough for the winning write set to be applied on
 * every node, short enough for a request thread.
 *
 * @param maxAttempts attempts in all, the first one included
 * @param delay back-off before the first retry; multiplied by {@code multiplier} for each further one
 * @param jitter random spread of each back-off (scaled along with it), so the losers on two nodes
 *     do not collide again in lock-step
 * @param multiplier growth of the back-off per retry
 * @param maxDelay upper bound of any single back-off
 */
@Validated
@ConfigurationProperties("waddleperf.database.conflict-retry")
record ConflictRetryProperties(
        @DefaultValue("5") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("20ms") @NotNull Duration delay,
        @DefaultValue("20ms") @NotNull Duration jitter,
        @DefaultValue("2") @DecimalMin("1.0") double multiplier,
        @DefaultValue("500ms") @NotNull Duration maxDelay) {

    RetryPolicy policy() {
        return RetryPolicy.builder()
                .maxRetries(maxAttempts - 1)
                .delay(delay)
                .jitter(jitter)
                .multiplier(multiplier)
                .maxDelay(maxDelay)
                .predicate(failure -> Conflict.of(failure).isPresent())
                .build();
    }
}
