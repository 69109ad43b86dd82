package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.monitors.Monitor.ActiveWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a monitor's rounds are due. Interval slots are counted from an anchor: the monitor's
 * creation shifted by a deterministic per-monitor jitter of up to ±15 % of the interval, so
 * monitors created together (an import of 10,000) spread over almost a third of their interval
 * instead of firing on the same second, and a monitor keeps its rhythm across restarts. Cron
 * slots are the expression's times in its zone, without jitter: someone asked for those times.
 */
public final class Slots {

    static final double JITTER = 0.15;
    /** A catch-up counts at most this many missed slots (a cron firing every 30 s for a year). */
    private static final int MAX_COUNTED = 100_000;

    private final @Nullable Duration interval;
    private final @Nullable CronExpression cron;
    private final ZoneId zone;
    private final Instant anchor;

    private Slots(@Nullable Duration interval, @Nullable CronExpression cron, ZoneId zone, Instant anchor) {
        this.interval = interval;
        this.cron = cron;
        this.zone = zone;
        this.anchor = anchor;
    }

    static Slots every(int intervalSeconds, Instant anchor) {
        return new Slots(Duration.ofSeconds(intervalSeconds), null, ZoneId.of("UTC"), anchor);
    }

    static Slots cron(String expression, ZoneId zone) {
        return new Slots(null, parseCron(expression), zone, Instant.EPOCH);
    }

    /**
     * A cron expression as people write it: five fields (minute hour day month weekday) or six
     * (seconds first, Spring's form). Throws {@link IllegalArgumentException} with the reason.
     */
    public static CronExpression parseCron(String expression) {
        String trimmed = expression.strip();
        String[] fields = trimmed.split("\\s+");
        if (fields.length == 5) {
            trimmed = "0 " + trimmed;
        } else if (fields.length != 6) {
            throw new IllegalArgumentException(
                    "must have 5 fields (minute hour day month weekday) or 6 (seconds first)");
        }
        return CronExpression.parse(trimmed);
    }

    /** Deterministic jitter in [-15 %, +15 %] of the interval, from the monitor's id. */
    static Duration jitter(UUID monitorId, int intervalSeconds) {
        // SplitMix64's finaliser: UUIDv7 ids share their leading bits, so mix before using them.
        long h = monitorId.getMostSignificantBits() ^ Long.rotateLeft(monitorId.getLeastSignificantBits(), 32);
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        double unit = (h >>> 11) * 0x1.0p-53;
        return Duration.ofMillis(Math.round((unit * 2 - 1) * JITTER * intervalSeconds * 1000));
    }

    /** The anchor of a monitor created (or re-scheduled) at {@code at}. */
    static Instant anchor(UUID monitorId, int intervalSeconds, Instant at) {
        return at.plus(jitter(monitorId, intervalSeconds));
    }

    /** The first slot at or after {@code at}. */
    Instant firstAtOrAfter(Instant at) {
        if (interval != null) {
            if (!anchor.isBefore(at)) {
                return anchor;
            }
            long k = ceilDiv(Duration.between(anchor, at).toMillis(), interval.toMillis());
            return anchor.plus(interval.multipliedBy(k));
        }
        return nextCron(at.minusNanos(1));
    }

    /** The first slot strictly after {@code at}. */
    Instant after(Instant at) {
        if (interval != null) {
            if (at.isBefore(anchor)) {
                return anchor;
            }
            long k = Math.floorDiv(Duration.between(anchor, at).toMillis(), interval.toMillis()) + 1;
            return anchor.plus(interval.multipliedBy(k));
        }
        return nextCron(at);
    }

    /** How many slots after {@code due} have also passed by {@code now}: slots a catch-up stands for. */
    int missedAfter(Instant due, Instant now) {
        if (interval != null) {
            long missed = Math.floorDiv(Duration.between(due, now).toMillis(), interval.toMillis());
            return (int) Math.max(0, Math.min(missed, MAX_COUNTED));
        }
        int missed = 0;
        Instant next = nextCron(due);
        while (!next.isAfter(now) && missed < MAX_COUNTED) {
            missed++;
            next = nextCron(next);
        }
        return missed;
    }

    /** The shortest gap between the next few cron times after {@code from} (for the 30 s floor). */
    public static Duration shortestGap(CronExpression cron, ZoneId zone, Instant from) {
        ZonedDateTime previous = cron.next(from.atZone(zone));
        Duration shortest = Duration.ofDays(366);
        for (int i = 0; previous != null && i < 5; i++) {
            ZonedDateTime next = cron.next(previous);
            if (next == null) {
                break;
            }
            Duration gap = Duration.between(previous, next);
            shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
            previous = next;
        }
        return shortest;
    }

    private Instant nextCron(Instant after) {
        ZonedDateTime next = cron.next(after.atZone(zone));
        // Cron expressions people can enter always have a next time; a far future stands for none.
        return next == null ? Instant.parse("9999-12-31T00:00:00Z") : next.toInstant();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Whether {@code at} falls in the window (null: always). */
    static boolean active(@Nullable ActiveWindow window, Instant at) {
        if (window == null) {
            return true;
        }
        ZonedDateTime local = at.atZone(ZoneId.of(window.timeZone()));
        Set<DayOfWeek> days = window.days().stream()
                .map(day -> DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        LocalTime from = LocalTime.parse(window.from());
        LocalTime to = LocalTime.parse(window.to());
        LocalTime time = local.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
        // Spans midnight: the evening part belongs to the listed day, the morning to the day before.
        if (!time.isBefore(from)) {
            return days.contains(local.getDayOfWeek());
        }
        return time.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
    }
}
