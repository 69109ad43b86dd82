package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.alerts.MaintenanceWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import org.springframework.scheduling.support.CronExpression;

/** When a maintenance window is active and what it covers. */
public final class Windows {

    private Windows() {}

    /** A window scoped to a monitor, a vantage label or (neither) the organisation. */
    public static boolean covers(AlertRule.Scope scope, UUID monitorId, Set<String> labels) {
        if (scope.monitorId() != null) {
            return scope.monitorId().equals(monitorId);
        }
        return scope.label() == null || labels.contains(scope.label());
    }

    /**
     * One-off: {@code startsAt <= at < endsAt}. Recurring: the cron fired in {@code (at -
     * duration, at]}, i.e. its first firing after {@code at - duration} is not after {@code at}.
     */
    public static boolean active(MaintenanceWindow window, Instant at) {
        if (window.cron() != null && window.durationSeconds() != null) {
            ZoneId zone = ZoneId.of(window.timeZone() == null ? "UTC" : window.timeZone());
            ZonedDateTime since = at.minusSeconds(window.durationSeconds()).atZone(zone);
            ZonedDateTime fired = parseCron(window.cron()).next(since);
            return fired != null && !fired.toInstant().isAfter(at);
        }
        return window.startsAt() != null
                && window.endsAt() != null
                && !at.isBefore(window.startsAt())
                && at.isBefore(window.endsAt());
    }

    /** Five fields (minute first) as people write them, or Spring's six (seconds first). */
    public static CronExpression parseCron(String cron) {
        String trimmed = cron.strip();
        return CronExpression.parse(trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed);
    }
}
