package io.waddleperf.api.alerts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A maintenance window: while active, alerts of the monitors it covers are recorded but nothing
 * is sent. One-off ({@code startsAt} to {@code endsAt}) or recurring (every time {@code cron}
 * fires in {@code timeZone}, for {@code durationSeconds}).
 *
 * @param activeNow whether it is active at the time of the answer
 */
public record MaintenanceWindow(
        UUID id,
        String name,
        AlertRule.Scope scope,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable String cron,
        @Nullable Integer durationSeconds,
        @Nullable String timeZone,
        boolean activeNow,
        Instant createdAt,
        Instant updatedAt) {}
