package io.waddleperf.api.alerts;

import io.waddleperf.api.alerts.internal.AlertLifecycle;
import io.waddleperf.api.alerts.internal.AlertStore;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.Notifications;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current organisation's alerts: listed, shown with their timeline, acknowledged and resolved
 * by hand. Licensed {@code autoperf}.
 */
@Service
public class Alerts {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final AlertStore store;
    private final AlertLifecycle lifecycle;
    private final Notifications notifications;
    private final Licensing licensing;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Alerts(
            AlertStore store,
            AlertLifecycle lifecycle,
            Notifications notifications,
            Licensing licensing,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.notifications = notifications;
        this.licensing = licensing;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Newest raised first; every filter is optional, {@code from}/{@code to} bound the raise time. */
    public List<Alert> list(
            OrgPrincipal actor,
            @Nullable String state,
            @Nullable String severity,
            @Nullable UUID monitorId,
            @Nullable UUID ruleId,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable Integer limit) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        List<FieldError> errors = new ArrayList<>();
        Alert.State parsedState = null;
        if (state != null && !state.isBlank()) {
            try {
                parsedState = Alert.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "must be open, acknowledged or resolved"));
            }
        }
        Severity parsedSeverity = null;
        if (severity != null && !severity.isBlank()) {
            try {
                parsedSeverity = Severity.valueOf(severity.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("severity", "must be info, warning or critical"));
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be 1-" + MAX_LIMIT));
        }
        Checks.throwIfAny(errors);
        return store.list(
                actor.orgId(), new AlertStore.Filter(parsedState, parsedSeverity, monitorId, ruleId, from, to, max));
    }

    /** The alert with its transitions and every delivery of what was told about it (or its storm group). */
    public AlertDetail get(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        AlertStore.Row row = store.find(actor.orgId(), id).orElseThrow(() -> new NotFound("Alert"));
        List<DeliveryAttempt> deliveries = new ArrayList<>(notifications.attemptsFor(actor.orgId(), id));
        if (row.alert().groupId() != null) {
            deliveries.addAll(
                    notifications.attemptsFor(actor.orgId(), row.alert().groupId()));
            deliveries.sort(Comparator.comparing(DeliveryAttempt::at));
        }
        return new AlertDetail(row.alert(), row.timeline(), deliveries);
    }

    @RetryOnConflict
    public Alert acknowledge(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return transactions.execute(status -> lifecycle.acknowledge(actor.orgId(), id, actorOf(actor), now()));
    }

    @RetryOnConflict
    public Alert resolve(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return transactions.execute(status -> lifecycle.resolve(actor.orgId(), id, actorOf(actor), now()));
    }

    /** Every unresolved (open or acknowledged) alert, for the OpenMetrics export. */
    public List<Alert> unresolved(OrgPrincipal actor) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.unresolved(actor.orgId());
    }

    /** Per monitor with unresolved alerts, how many and how severe: for the board and monitor page. */
    public List<MonitorAlerts> unresolvedByMonitor(OrgPrincipal actor) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.unresolvedByMonitor(actor.orgId());
    }

    private static AlertLifecycle.Actor actorOf(OrgPrincipal actor) {
        return new AlertLifecycle.Actor(actor.userId(), actor.name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
