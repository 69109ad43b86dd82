package io.waddleperf.api.alerts;

import io.waddleperf.api.notifications.Severity;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert: one rule breached on one monitor.
 *
 * @param suppressed raised during a maintenance window: recorded, nothing sent
 * @param groupId the storm group it was announced in, else null
 * @param resolvedBy who resolved it; null when its clear rule did
 */
public record Alert(
        UUID id,
        UUID ruleId,
        String ruleName,
        UUID monitorId,
        String monitorName,
        Severity severity,
        State state,
        boolean suppressed,
        @Nullable UUID groupId,
        String cause,
        Instant raisedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy) {

    public enum State {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED
    }
}
