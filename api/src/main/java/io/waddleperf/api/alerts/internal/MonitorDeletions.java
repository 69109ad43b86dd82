package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.monitors.MonitorDeleted;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted monitor leaves no alert open behind it: nothing would ever resolve it (no round of the
 * monitor comes again), and the board and the alerts list would show it for ever. Its unresolved
 * alerts are resolved as any resolve is (timeline, audit, a resolve notice unless it was held
 * back), by the person who deleted the monitor, in the deleting transaction: the monitor goes
 * with its alerts resolved, or neither. Its rounds under every rule go too.
 */
@Component
class MonitorDeletions {

    private final AlertStore alerts;
    private final StateStore states;
    private final AlertLifecycle lifecycle;
    private final Clock clock;

    MonitorDeletions(AlertStore alerts, StateStore states, AlertLifecycle lifecycle, Clock clock) {
        this.alerts = alerts;
        this.states = states;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @EventListener
    void on(MonitorDeleted deleted) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AlertLifecycle.Actor actor = new AlertLifecycle.Actor(deleted.actorUserId(), deleted.actorName());
        String detail = "monitor deleted by " + actor.auditName();
        for (UUID alertId : alerts.unresolvedOfMonitor(deleted.orgId(), deleted.monitorId())) {
            alerts.find(deleted.orgId(), alertId).ifPresent(seen -> {
                // The rule x monitor state before the alert, in the order evaluation takes them.
                states.lockExisting(seen.alert().ruleId(), deleted.monitorId());
                alerts.lock(deleted.orgId(), alertId)
                        .filter(row -> row.alert().state() != Alert.State.RESOLVED)
                        .ifPresent(row -> lifecycle.resolve(deleted.orgId(), row, actor, detail, now));
            });
        }
        states.deleteMonitor(deleted.orgId(), deleted.monitorId());
    }
}
