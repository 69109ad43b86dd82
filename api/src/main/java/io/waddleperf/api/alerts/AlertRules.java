package io.waddleperf.api.alerts;

import io.waddleperf.api.alerts.internal.AlertLifecycle;
import io.waddleperf.api.alerts.internal.Evaluation;
import io.waddleperf.api.alerts.internal.RuleStore;
import io.waddleperf.api.alerts.internal.RuleWrites;
import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.monitors.MonitorLookup;
import io.waddleperf.api.notifications.Notifications;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The current organisation's alert rules. Licensed {@code autoperf} like the monitors they watch;
 * MAINTAINER and ADMIN write, VIEWER reads, ADMIN deletes (the controller's roles).
 */
@Service
public class AlertRules {

    public static final int MAX_ROUNDS = Evaluation.MAX_ROUNDS;
    static final int MAX_CLEAR_ROUNDS = 50;
    static final int MAX_CHANNELS = 20;
    static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=");

    private final RuleStore store;
    private final RuleWrites writes;
    private final MonitorLookup monitors;
    private final Notifications notifications;
    private final Licensing licensing;
    private final AuditLog audit;
    private final Clock clock;

    AlertRules(
            RuleStore store,
            RuleWrites writes,
            MonitorLookup monitors,
            Notifications notifications,
            Licensing licensing,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.writes = writes;
        this.monitors = monitors;
        this.notifications = notifications;
        this.licensing = licensing;
        this.audit = audit;
        this.clock = clock;
    }

    public AlertRule create(OrgPrincipal actor, AlertRuleInput input) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        Instant now = now();
        AlertRule rule = check(actor.orgId(), Ids.newId(), input, now, now);
        store.insert(actor.orgId(), rule);
        audit.record(
                AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "alert-rule.created", rule.name()));
        return rule;
    }

    /** Replaces a rule; its rounds are counted afresh under the new settings. */
    public AlertRule replace(OrgPrincipal actor, UUID id, AlertRuleInput input) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        AlertRule existing = get(actor, id);
        AlertRule rule = check(actor.orgId(), id, input, existing.createdAt(), now());
        if (!writes.replace(actor.orgId(), rule)) {
            throw new NotFound("Alert rule");
        }
        audit.record(
                AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "alert-rule.updated", rule.name()));
        return rule;
    }

    public List<AlertRule> list(OrgPrincipal actor) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.list(actor.orgId());
    }

    public AlertRule get(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.find(actor.orgId(), id).orElseThrow(() -> new NotFound("Alert rule"));
    }

    /** Deletes a rule; its unresolved alerts are resolved ("rule deleted") in the same transaction. */
    public void delete(OrgPrincipal actor, UUID id) {
        AlertRule rule = get(actor, id);
        if (!writes.delete(actor.orgId(), id, new AlertLifecycle.Actor(actor.userId(), actor.name()), now())) {
            throw new NotFound("Alert rule");
        }
        audit.record(
                AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "alert-rule.deleted", rule.name()));
    }

    private AlertRule check(UUID orgId, UUID id, AlertRuleInput input, Instant createdAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String name = Checks.name(input.name(), errors);
        AlertRule.Scope scope = Checks.scope(input.scope(), orgId, monitors, errors);
        AlertRule.Condition condition = checkCondition(input.condition(), scope, orgId, errors);
        AlertRule.Raise raise = checkRaise(input.raise(), errors);
        AlertRule.Vantage vantage = checkVantage(input.vantage(), errors);
        Severity severity = checkSeverity(input.severity(), errors);
        AlertRule.Clear clear = input.clear() == null ? new AlertRule.Clear(3) : input.clear();
        if (clear.goodRounds() < 1 || clear.goodRounds() > MAX_CLEAR_ROUNDS) {
            errors.add(new FieldError("clear.goodRounds", "must be 1-" + MAX_CLEAR_ROUNDS));
        }
        List<UUID> channels = checkChannels(orgId, input.channelIds(), errors);
        Checks.throwIfAny(errors);
        return new AlertRule(
                id,
                name,
                scope,
                condition,
                raise,
                vantage,
                severity,
                clear,
                channels,
                input.enabled() == null || input.enabled(),
                createdAt,
                now);
    }

    private AlertRule.Condition checkCondition(
            AlertRule.@Nullable Condition condition, AlertRule.Scope scope, UUID orgId, List<FieldError> errors) {
        if (condition == null || condition.type() == null) {
            errors.add(new FieldError("condition.type", "is required: metric or thresholds"));
            return new AlertRule.Condition(Evaluation.THRESHOLDS, null, null, null);
        }
        String type = condition.type().strip().toLowerCase(Locale.ROOT);
        if (type.equals(Evaluation.THRESHOLDS)) {
            return new AlertRule.Condition(Evaluation.THRESHOLDS, null, null, null);
        }
        if (!type.equals(Evaluation.METRIC)) {
            errors.add(new FieldError("condition.type", "must be metric or thresholds"));
            return new AlertRule.Condition(Evaluation.THRESHOLDS, null, null, null);
        }
        String metric = condition.metric() == null ? "" : condition.metric().strip();
        var parsed = MonitorLookup.metric(metric);
        if (parsed.isEmpty()) {
            errors.add(new FieldError(
                    "condition.metric",
                    "is not a metric; one of "
                            + String.join(
                                    ", ",
                                    MonitorLookup.metricNames(List.of("tcp_connect", "udp_echo", "http", "dns")))));
        } else if (scope.monitorId() != null) {
            monitors.monitor(orgId, scope.monitorId())
                    .filter(m -> !m.probes().contains(parsed.get().probe()))
                    .ifPresent(m -> errors.add(new FieldError(
                            "condition.metric",
                            "the monitor does not run " + parsed.get().probe())));
        }
        if (condition.comparison() == null
                || !COMPARISONS.contains(condition.comparison().strip())) {
            errors.add(new FieldError("condition.comparison", "must be one of >, >=, <, <="));
        }
        if (condition.threshold() == null || !Double.isFinite(condition.threshold())) {
            errors.add(new FieldError("condition.threshold", "is required (a number)"));
        }
        return new AlertRule.Condition(
                Evaluation.METRIC,
                metric,
                condition.comparison() == null ? null : condition.comparison().strip(),
                condition.threshold());
    }

    private static AlertRule.Raise checkRaise(AlertRule.@Nullable Raise raise, List<FieldError> errors) {
        if (raise == null) {
            return new AlertRule.Raise(3, 5);
        }
        boolean ok = true;
        if (raise.ofRounds() < 1 || raise.ofRounds() > MAX_ROUNDS) {
            errors.add(new FieldError("raise.ofRounds", "must be 1-" + MAX_ROUNDS + " rounds"));
            ok = false;
        }
        if (raise.breaches() < 1) {
            errors.add(new FieldError("raise.breaches", "must be at least 1"));
        } else if (ok && raise.breaches() > raise.ofRounds()) {
            errors.add(new FieldError(
                    "raise.breaches", "must be at most raise.ofRounds (" + raise.ofRounds() + "): X of the last Y"));
        }
        return raise;
    }

    private static AlertRule.Vantage checkVantage(AlertRule.@Nullable Vantage vantage, List<FieldError> errors) {
        if (vantage == null) {
            return new AlertRule.Vantage(1, null);
        }
        if (vantage.minCount() != null && (vantage.minCount() < 1 || vantage.minCount() > 100)) {
            errors.add(new FieldError("vantage.minCount", "must be 1-100 vantage points"));
        }
        if (vantage.minPercent() != null
                && (!Double.isFinite(vantage.minPercent())
                        || vantage.minPercent() <= 0
                        || vantage.minPercent() > 100)) {
            errors.add(new FieldError("vantage.minPercent", "must be more than 0 and at most 100"));
        }
        return new AlertRule.Vantage(
                vantage.minCount() == null && vantage.minPercent() == null ? Integer.valueOf(1) : vantage.minCount(),
                vantage.minPercent());
    }

    private static Severity checkSeverity(@Nullable String severity, List<FieldError> errors) {
        if (severity == null || severity.isBlank()) {
            return Severity.WARNING;
        }
        try {
            return Severity.valueOf(severity.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("severity", "must be info, warning or critical"));
            return Severity.WARNING;
        }
    }

    private List<UUID> checkChannels(UUID orgId, @Nullable List<UUID> channelIds, List<FieldError> errors) {
        if (channelIds == null || channelIds.isEmpty()) {
            return List.of();
        }
        if (channelIds.size() > MAX_CHANNELS) {
            errors.add(new FieldError("channelIds", "may name at most " + MAX_CHANNELS + " channels"));
            return List.of();
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < channelIds.size(); i++) {
            if (channelIds.get(i) == null) {
                errors.add(new FieldError("channelIds[" + i + "]", "unknown channel"));
            } else if (!seen.add(channelIds.get(i))) {
                errors.add(new FieldError("channelIds[" + i + "]", "is listed twice"));
            }
        }
        Set<UUID> unknown = notifications.unknownChannels(orgId, seen);
        for (int i = 0; i < channelIds.size(); i++) {
            if (unknown.contains(channelIds.get(i))) {
                errors.add(new FieldError("channelIds[" + i + "]", "unknown channel"));
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(channelIds));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
