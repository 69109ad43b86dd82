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
 * @param iperfPort the target's iperf3 port for escalated tier-2 and tier-3 throughput (5201)
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
        @Nullable Integer iperfPort,
        Escalation escalation,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant nextDueAt,
        @Nullable Instant lastRoundAt) {

    /**
     * How a breach escalates: a tier-1 round that breaches starts tier 2 on the same node, a tier-2
     * breach tier 3; at most one tier-2 run per {@code tier2CooldownSeconds} and one tier-3 run per
     * {@code tier3CooldownSeconds}, so a lasting breach does not escalate every round.
     */
    public record Escalation(int tier2CooldownSeconds, int tier3CooldownSeconds) {}

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
