package io.waddleperf.api.alerts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends for a maintenance window: {@code startsAt} and {@code endsAt}, or {@code
 * cron} with {@code durationSeconds} (and {@code timeZone}, default UTC).
 *
 * @param scope null: the whole organisation
 */
public record MaintenanceWindowInput(
        @Nullable String name,
        AlertRule.@Nullable Scope scope,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable String cron,
        @Nullable Integer durationSeconds,
        @Nullable String timeZone) {}
