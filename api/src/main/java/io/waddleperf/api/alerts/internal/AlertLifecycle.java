package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.alerts.AlertDetail.Transition;
import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditEvent;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.monitors.MonitorLookup;
import io.waddleperf.api.monitors.MonitorLookup.Watched;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every transition of an alert, each in the caller's transaction: the alert row and its timeline,
 * and, unless a maintenance window holds it back, a pending notice that the notices job turns
 * into a notification (one each, or a storm group). The audit entry is written once the
 * transition commits, so the trail never shows a transition that rolled back.
 */
@Component
public class AlertLifecycle {

    /** Who acts: a person (by name, with their user id if any) or, with no name, the rules. */
    public record Actor(@Nullable UUID userId, @Nullable String name) {
        static final Actor RULES = new Actor(null, null);

        String auditName() {
            return name == null ? "alert rules" : name;
        }
    }

    private final AlertStore alerts;
    private final NoticeStore notices;
    private final WindowStore windows;
    private final StateStore states;
    private final AuditLog audit;
    private final MonitorLookup monitors;

    AlertLifecycle(
            AlertStore alerts,
            NoticeStore notices,
            WindowStore windows,
            StateStore states,
            AuditLog audit,
            MonitorLookup monitors) {
        this.monitors = monitors;
        this.alerts = alerts;
        this.notices = notices;
        this.windows = windows;
        this.states = states;
        this.audit = audit;
    }

    /** Opens an alert of {@code rule} on {@code monitor}; the caller holds the rule x monitor state. */
    Alert raise(UUID orgId, AlertRule rule, Watched monitor, String cause, Instant now) {
        boolean suppressed = windows.anyActive(orgId, monitor.id(), monitor.labels(), now);
        Alert alert = new Alert(
                Ids.newId(),
                rule.id(),
                rule.name(),
                monitor.id(),
                monitor.name(),
                rule.severity(),
                Alert.State.OPEN,
                suppressed,
                null,
                cause,
                now,
                null,
                null,
                null,
                null);
        String detail = suppressed ? cause + " (in a maintenance window: not sent)" : cause;
        alerts.insert(orgId, alert, new Transition(now, "RAISED", null, detail, !suppressed));
        if (!suppressed) {
            notices.add(orgId, alert.id(), Notification.Kind.RAISED, now);
        }
        audited(orgId, Actor.RULES, "alert.raised", alert, cause);
        return alert;
    }

    /** Acknowledges an open alert; one already acknowledged stays as it was. */
    public Alert acknowledge(UUID orgId, UUID alertId, Actor actor, Instant now) {
        AlertStore.Row row = alerts.lock(orgId, alertId).orElseThrow(() -> new NotFound("Alert"));
        Alert alert = row.alert();
        if (alert.state() == Alert.State.RESOLVED) {
            throw new Conflict("alert-resolved", "The alert is resolved; there is nothing to acknowledge");
        }
        if (alert.state() == Alert.State.ACKNOWLEDGED) {
            return alert;
        }
        boolean told = tell(orgId, alert, now);
        List<Transition> timeline = new ArrayList<>(row.timeline());
        timeline.add(new Transition(now, "ACKNOWLEDGED", actor.name(), "acknowledged by " + actor.auditName(), told));
        alerts.acknowledge(alertId, now, actor.auditName(), timeline);
        if (told) {
            notices.add(orgId, alertId, Notification.Kind.ACKNOWLEDGED, now);
        }
        audited(orgId, actor, "alert.acknowledged", alert, null);
        return alerts.find(orgId, alertId).orElseThrow().alert();
    }

    /**
     * Resolves an alert by hand; one already resolved is a conflict. Takes the rule x monitor's
     * state row before the alert, in the order evaluation takes them, so the two never deadlock.
     */
    public Alert resolve(UUID orgId, UUID alertId, Actor actor, Instant now) {
        Alert seen = alerts.find(orgId, alertId)
                .orElseThrow(() -> new NotFound("Alert"))
                .alert();
        states.lockExisting(seen.ruleId(), seen.monitorId());
        AlertStore.Row row = alerts.lock(orgId, alertId).orElseThrow(() -> new NotFound("Alert"));
        if (row.alert().state() == Alert.State.RESOLVED) {
            throw new Conflict("alert-resolved", "The alert is already resolved");
        }
        resolve(orgId, row, actor, "resolved by " + actor.auditName(), now);
        return alerts.find(orgId, alertId).orElseThrow().alert();
    }

    /** Resolves a locked, unresolved alert: by its clear rule (the rules as actor) or by hand. */
    void resolve(UUID orgId, AlertStore.Row row, Actor actor, String detail, Instant now) {
        Alert alert = row.alert();
        boolean told = tell(orgId, alert, now);
        List<Transition> timeline = new ArrayList<>(row.timeline());
        timeline.add(new Transition(now, "RESOLVED", actor.name(), detail, told));
        alerts.resolve(alert.id(), now, actor.name(), timeline);
        if (told) {
            notices.add(orgId, alert.id(), Notification.Kind.RESOLVED, now);
        }
        // A new alert must earn its breaches afresh, not inherit the ones that raised this one.
        states.forget(alert.ruleId(), alert.monitorId());
        audited(orgId, actor, "alert.resolved", alert, detail);
    }

    /** The alert, locked, if it is still unresolved. */
    Optional<AlertStore.Row> lockUnresolved(UUID orgId, UUID alertId) {
        return alerts.lock(orgId, alertId).filter(row -> row.alert().state() != Alert.State.RESOLVED);
    }

    /**
     * Whether a transition of the alert is told: not for an alert raised in a maintenance window
     * (its raise was never told), nor during one.
     */
    private boolean tell(UUID orgId, Alert alert, Instant now) {
        if (alert.suppressed()) {
            return false;
        }
        // A deleted monitor has no labels left; only its own or the organisation's windows apply.
        Set<String> labels =
                monitors.monitor(orgId, alert.monitorId()).map(Watched::labels).orElse(Set.of());
        return !windows.anyActive(orgId, alert.monitorId(), labels, now);
    }

    private void audited(UUID orgId, Actor actor, String action, Alert alert, @Nullable String details) {
        AuditEntry entry = new AuditEntry(
                orgId,
                actor.userId(),
                actor.auditName(),
                action,
                alert.ruleName() + " on " + alert.monitorName() + " (" + alert.id() + ")",
                AuditEvent.Outcome.SUCCESS,
                details);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    audit.record(entry);
                }
            });
        } else {
            audit.record(entry);
        }
    }
}
