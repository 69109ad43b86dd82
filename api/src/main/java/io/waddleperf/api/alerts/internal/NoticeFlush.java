package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.alerts.AlertDetail.Transition;
import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Notification.Kind;
import io.waddleperf.api.notifications.Notifications;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells one organisation's pending transitions, in one short transaction that enqueues the
 * notifications (outbox rows) and deletes the notices it told: either both commit or neither, so
 * a notice is told once. Raises are told one by one unless more than {@code stormThreshold}
 * alerts were raised in the organisation within {@code stormWindow}: then the pending raises are
 * told as one {@code GROUP_RAISED} listing them, later raises while the storm goes on join it
 * (one more {@code GROUP_RAISED} per batch), acknowledgements and resolves of grouped alerts are
 * not told one by one, and one {@code GROUP_RESOLVED} goes out when the group's last alert
 * resolves.
 */
@Component
public class NoticeFlush {

    /** Notices told per transaction; more wait for the next run (a second later). */
    static final int BATCH = 1000;

    /** Alerts a group notification lists by name; the rest are counted. */
    static final int LISTED = 50;

    private final NoticeStore notices;
    private final AlertStore alerts;
    private final RuleStore rules;
    private final Notifications notifications;
    private final TransactionTemplate transactions;
    private final AlertsProperties properties;

    NoticeFlush(
            NoticeStore notices,
            AlertStore alerts,
            RuleStore rules,
            Notifications notifications,
            TransactionTemplate transactions,
            AlertsProperties properties) {
        this.notices = notices;
        this.alerts = alerts;
        this.rules = rules;
        this.notifications = notifications;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Tells the organisation's pending notices; answers how many notifications were enqueued. */
    @RetryOnConflict
    public int flush(UUID orgId, Instant now) {
        Integer sent = TenantContext.as(orgId, () -> transactions.execute(status -> tell(orgId, now)));
        return sent == null ? 0 : sent;
    }

    private int tell(UUID orgId, Instant now) {
        List<NoticeStore.Notice> pending = notices.pending(orgId, BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        Map<UUID, AlertStore.Row> byId =
                alerts
                        .byIds(
                                orgId,
                                pending.stream()
                                        .map(NoticeStore.Notice::alertId)
                                        .collect(Collectors.toSet()))
                        .stream()
                        .collect(Collectors.toMap(row -> row.alert().id(), Function.identity()));
        Map<UUID, Set<UUID>> channels = new HashMap<>();
        Map<UUID, UUID> groupOf = new HashMap<>();
        byId.values().forEach(row -> {
            if (row.alert().groupId() != null) {
                groupOf.put(row.alert().id(), row.alert().groupId());
            }
        });
        int sent = 0;

        List<AlertStore.Row> raised = pending.stream()
                .filter(n -> n.kind() == Kind.RAISED && byId.containsKey(n.alertId()))
                .map(n -> byId.get(n.alertId()))
                .toList();
        if (!raised.isEmpty()) {
            Instant since = now.minus(properties.stormWindow());
            Optional<UUID> going = alerts.activeGroup(orgId, since);
            boolean storm = going.isPresent() || alerts.raisedSince(orgId, since) > properties.stormThreshold();
            if (storm) {
                UUID group = going.orElseGet(Ids::newId);
                List<UUID> ids = raised.stream().map(row -> row.alert().id()).toList();
                alerts.joinGroup(orgId, ids, group);
                ids.forEach(id -> groupOf.put(id, group));
                sent += notifications.enqueue(groupRaised(orgId, group, going.isPresent(), raised, channels, now));
            }
        }

        Set<UUID> resolvedGroups = new LinkedHashSet<>();
        for (NoticeStore.Notice notice : pending) {
            AlertStore.Row row = byId.get(notice.alertId());
            if (row == null) {
                continue;
            }
            UUID group = groupOf.get(notice.alertId());
            if (group != null) {
                if (notice.kind() == Kind.RESOLVED) {
                    resolvedGroups.add(group);
                }
                continue;
            }
            sent += notifications.enqueue(single(orgId, notice, row, channels));
        }

        List<UUID> told = pending.stream().map(NoticeStore.Notice::id).toList();
        for (UUID group : resolvedGroups) {
            List<AlertStore.Row> members = alerts.group(orgId, group);
            boolean allResolved = members.stream().allMatch(m -> m.alert().state() == Alert.State.RESOLVED);
            // A member's resolve still waiting for a later run will send the summary then.
            boolean laterNotices = notices.pendingFor(
                    orgId, members.stream().map(m -> m.alert().id()).toList(), told);
            if (allResolved && !laterNotices) {
                sent += notifications.enqueue(groupResolved(orgId, group, members, channels, now));
            }
        }
        notices.delete(told);
        return sent;
    }

    private Notification single(
            UUID orgId, NoticeStore.Notice notice, AlertStore.Row row, Map<UUID, Set<UUID>> channels) {
        Alert alert = row.alert();
        String subject = alert.ruleName() + " on " + alert.monitorName();
        String title;
        String text;
        switch (notice.kind()) {
            case ACKNOWLEDGED -> {
                title = "Acknowledged: " + subject;
                text = "Acknowledged by " + (alert.acknowledgedBy() == null ? "someone" : alert.acknowledgedBy());
            }
            case RESOLVED -> {
                title = "Resolved: " + subject;
                text = row.timeline().stream()
                        .filter(t -> t.kind().equals("RESOLVED"))
                        .map(Transition::detail)
                        .reduce((a, b) -> b)
                        .orElse("resolved");
            }
            default -> {
                title = "[" + alert.severity() + "] " + subject;
                text = alert.cause();
            }
        }
        List<Notification.Field> fields = List.of(
                new Notification.Field("Monitor", alert.monitorName()),
                new Notification.Field("Rule", alert.ruleName()),
                new Notification.Field("Severity", alert.severity().name()),
                new Notification.Field("Raised", alert.raisedAt().toString()));
        return new Notification(
                notice.id(),
                orgId,
                notice.kind(),
                alert.severity(),
                alert.id(),
                title,
                text,
                fields,
                "/alerts/" + alert.id(),
                notice.createdAt(),
                channelsOf(orgId, List.of(row), channels));
    }

    private Notification groupRaised(
            UUID orgId,
            UUID group,
            boolean joined,
            List<AlertStore.Row> raised,
            Map<UUID, Set<UUID>> channels,
            Instant now) {
        String title = joined
                ? raised.size() + " more alert" + (raised.size() == 1 ? "" : "s") + " raised in the ongoing storm"
                : raised.size() + " alerts raised within "
                        + properties.stormWindow().toSeconds() + " s";
        return new Notification(
                Ids.newId(),
                orgId,
                Kind.GROUP_RAISED,
                highest(raised),
                group,
                title,
                list(raised, true),
                List.of(
                        new Notification.Field("Alerts", Integer.toString(raised.size())),
                        new Notification.Field(
                                "Highest severity", highest(raised).name())),
                "/alerts?state=OPEN",
                now,
                channelsOf(orgId, raised, channels));
    }

    private Notification groupResolved(
            UUID orgId, UUID group, List<AlertStore.Row> members, Map<UUID, Set<UUID>> channels, Instant now) {
        return new Notification(
                Ids.newId(),
                orgId,
                Kind.GROUP_RESOLVED,
                highest(members),
                group,
                "All " + members.size() + " alerts of the storm resolved",
                list(members, false),
                List.of(new Notification.Field("Alerts", Integer.toString(members.size()))),
                "/alerts",
                now,
                channelsOf(orgId, members, channels));
    }

    private static String list(List<AlertStore.Row> rows, boolean causes) {
        StringBuilder text = new StringBuilder();
        rows.stream().limit(LISTED).forEach(row -> {
            Alert a = row.alert();
            text.append("- [")
                    .append(a.severity())
                    .append("] ")
                    .append(a.ruleName())
                    .append(" on ")
                    .append(a.monitorName());
            if (causes) {
                text.append(": ").append(a.cause());
            }
            text.append('\n');
        });
        if (rows.size() > LISTED) {
            text.append("… and ").append(rows.size() - LISTED).append(" more\n");
        }
        return text.toString().strip();
    }

    private static Severity highest(List<AlertStore.Row> rows) {
        return rows.stream()
                .map(row -> row.alert().severity())
                .max(Comparator.naturalOrder())
                .orElse(Severity.INFO);
    }

    /**
     * The channels of the alerts' rules: their union, or every channel that hears the severity
     * (empty) when any rule routes there or is gone.
     */
    private Set<UUID> channelsOf(UUID orgId, List<AlertStore.Row> rows, Map<UUID, Set<UUID>> cache) {
        Set<UUID> union = new HashSet<>();
        for (AlertStore.Row row : rows) {
            Set<UUID> ruleChannels = cache.computeIfAbsent(
                    row.alert().ruleId(),
                    id -> rules.find(orgId, id)
                            .map(AlertRule::channelIds)
                            .map(Set::copyOf)
                            .orElse(Set.of()));
            if (ruleChannels.isEmpty()) {
                return Set.of();
            }
            union.addAll(ruleChannels);
        }
        return union;
    }
}
