package io.waddleperf.api.monitors;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A monitor as the API shows it.
 *
 * @param probes the tier-1 probe types each round runs against the target
 * @param vantage where rounds run: every online node matching any of these
 * @param nextDueAt the next slot; null while paused
 */
public record Monitor(
        UUID id,
        String name,
        String target,
        List<String> probes,
        List<VantagePoint> vantage,
        MonitorSchedule schedule,
        @Nullable ActiveWindow activeWindow,
        @Nullable Integer udpEchoPort,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant nextDueAt,
        @Nullable Instant lastRoundAt) {

    /** One of a node id, a region or a label, as a test's node selector. */
    public record VantagePoint(
            @Nullable UUID nodeId,
            @Nullable String region,
            @Nullable String label) {}

    /**
     * Every {@code intervalSeconds} (30 s – 24 h, with a per-monitor jitter of up to ±15 %), or at
     * a cron expression's times; {@code timeZone} is the cron's (and is stored for an interval).
     */
    public record MonitorSchedule(
            @Nullable Integer intervalSeconds, @Nullable String cron, String timeZone) {}

    /**
     * When rounds run: on {@code days} (MONDAY…SUNDAY) between {@code from} and {@code to}
     * ({@code HH:mm}, {@code to} exclusive; {@code to} before {@code from} spans midnight) in
     * {@code timeZone}. Slots outside it are skipped.
     */
    public record ActiveWindow(List<String> days, String from, String to, String timeZone) {}
}
