package io.waddleperf.api.monitors;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.monitors.Monitor.ActiveWindow;
import io.waddleperf.api.monitors.Monitor.MonitorSchedule;
import io.waddleperf.api.monitors.Monitor.VantagePoint;
import io.waddleperf.api.monitors.internal.MonitorStore;
import io.waddleperf.api.monitors.internal.MonitorWrites;
import io.waddleperf.api.monitors.internal.Slots;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.license.WaddlePerfFeature;
import io.waddleperf.protocol.Violation;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * The current organisation's monitors: checks, stores and schedules them. Licensed
 * {@code autoperf}; MAINTAINER and ADMIN write, VIEWER reads (the controller's roles).
 */
@Service
public class Monitors {

    public static final int DEFAULT_INTERVAL_SECONDS = 300;
    public static final int MIN_INTERVAL_SECONDS = 30;
    public static final int MAX_INTERVAL_SECONDS = 86_400;
    public static final int DEFAULT_TIER2_COOLDOWN_SECONDS = 900;
    public static final int DEFAULT_TIER3_COOLDOWN_SECONDS = 3600;
    static final int MAX_VANTAGE_POINTS = 20;
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private final MonitorStore store;
    private final MonitorWrites writes;
    private final NodeRegistry nodes;
    private final Licensing licensing;
    private final AuditLog audit;
    private final Clock clock;

    Monitors(
            MonitorStore store,
            MonitorWrites writes,
            NodeRegistry nodes,
            Licensing licensing,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.writes = writes;
        this.nodes = nodes;
        this.licensing = licensing;
        this.audit = audit;
        this.clock = clock;
    }

    public Monitor create(OrgPrincipal actor, MonitorInput input) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        Instant now = now();
        Monitor monitor = check(Ids.newId(), input, now, now);
        Monitor created = writes.create(actor.orgId(), monitor, now);
        audit.record(
                AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "monitor.created", created.name()));
        return created;
    }

    /** Replaces the settings; a changed schedule starts counting its slots from now. */
    public Monitor replace(OrgPrincipal actor, UUID id, MonitorInput input) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        MonitorStore.Row existing = store.find(actor.orgId(), id).orElseThrow(() -> new NotFound("Monitor"));
        Instant now = now();
        Monitor monitor = check(id, input, existing.monitor().createdAt(), now);
        Monitor replaced =
                writes.replace(actor.orgId(), existing, monitor, now).orElseThrow(() -> new NotFound("Monitor"));
        audit.record(AuditEntry.success(
                actor.orgId(),
                actor.userId(),
                actor.name(),
                "monitor.updated",
                replaced.name() + (replaced.enabled() ? "" : " (paused)")));
        return replaced;
    }

    public List<Monitor> list(OrgPrincipal actor) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.list(actor.orgId()).stream().map(MonitorStore.Row::monitor).toList();
    }

    public Monitor get(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.find(actor.orgId(), id).map(MonitorStore.Row::monitor).orElseThrow(() -> new NotFound("Monitor"));
    }

    public void delete(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        Monitor monitor = get(actor, id);
        if (!writes.delete(actor.orgId(), monitor, actor.userId(), actor.name())) {
            throw new NotFound("Monitor");
        }
        audit.record(
                AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "monitor.deleted", monitor.name()));
    }

    private Monitor check(UUID id, MonitorInput input, Instant createdAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String target = input.target() == null ? "" : input.target().strip();
        if (target.isEmpty()) {
            errors.add(new FieldError("target", "is required"));
        } else {
            Runs.checkTarget(target, errors);
        }
        List<String> probes = checkProbes(input.probes(), errors);
        List<VantagePoint> vantage = checkVantage(input.vantage(), errors);
        MonitorSchedule schedule = checkSchedule(input.schedule(), errors);
        ActiveWindow window = checkWindow(input.activeWindow(), errors);
        if (input.udpEchoPort() != null && (input.udpEchoPort() < 1 || input.udpEchoPort() > 65535)) {
            errors.add(new FieldError("udpEchoPort", "must be 1-65535"));
        }
        if (input.iperfPort() != null && (input.iperfPort() < 1 || input.iperfPort() > 65535)) {
            errors.add(new FieldError("iperfPort", "must be 1-65535"));
        }
        Monitor.Escalation escalation = checkEscalation(input.escalation(), errors);
        if (!errors.isEmpty()) {
            String detail = Violation.describe(errors.stream()
                    .map(e -> new Violation(e.field(), e.message()))
                    .toList());
            throw new InvalidInput(detail, errors);
        }
        return new Monitor(
                id,
                input.name().strip(),
                target,
                probes,
                vantage,
                schedule,
                window,
                input.udpEchoPort(),
                input.iperfPort(),
                escalation,
                input.enabled() == null || input.enabled(),
                createdAt,
                now,
                null,
                null);
    }

    private static Monitor.Escalation checkEscalation(
            Monitor.@Nullable Escalation escalation, List<FieldError> errors) {
        if (escalation == null) {
            return new Monitor.Escalation(DEFAULT_TIER2_COOLDOWN_SECONDS, DEFAULT_TIER3_COOLDOWN_SECONDS);
        }
        if (escalation.tier2CooldownSeconds() < 0 || escalation.tier2CooldownSeconds() > MAX_INTERVAL_SECONDS) {
            errors.add(new FieldError("escalation.tier2CooldownSeconds", "must be 0-86400 seconds"));
        }
        if (escalation.tier3CooldownSeconds() < 0 || escalation.tier3CooldownSeconds() > MAX_INTERVAL_SECONDS) {
            errors.add(new FieldError("escalation.tier3CooldownSeconds", "must be 0-86400 seconds"));
        }
        return escalation;
    }

    private static List<String> checkProbes(@Nullable List<String> probes, List<FieldError> errors) {
        if (probes == null) {
            return Runs.TIER1_PROBES;
        }
        if (probes.isEmpty()) {
            errors.add(new FieldError("probes", "must name at least one probe, or be left out to run all of tier 1"));
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < probes.size(); i++) {
            String probe = probes.get(i);
            if (probe == null || !Runs.TIER1_PROBES.contains(probe)) {
                errors.add(new FieldError(
                        "probes[" + i + "]",
                        "must be one of tier 1's probes: " + String.join(", ", Runs.TIER1_PROBES)));
            } else if (!seen.add(probe)) {
                errors.add(new FieldError("probes[" + i + "]", "is listed twice"));
            }
        }
        // Kept in tier 1's order, whatever order they came in.
        return Runs.TIER1_PROBES.stream().filter(seen::contains).toList();
    }

    private List<VantagePoint> checkVantage(@Nullable List<VantagePoint> vantage, List<FieldError> errors) {
        if (vantage == null || vantage.isEmpty()) {
            errors.add(new FieldError("vantage", "must name at least one node, region or label"));
            return List.of();
        }
        if (vantage.size() > MAX_VANTAGE_POINTS) {
            errors.add(new FieldError("vantage", "may name at most " + MAX_VANTAGE_POINTS + " vantage points"));
            return List.of();
        }
        List<VantagePoint> checked = new ArrayList<>();
        for (int i = 0; i < vantage.size(); i++) {
            VantagePoint point = vantage.get(i);
            String field = "vantage[" + i + "]";
            long given = point == null
                    ? 0
                    : Stream.of(point.nodeId(), blank(point.region()), blank(point.label()))
                            .filter(v -> v != null)
                            .count();
            if (given != 1) {
                errors.add(new FieldError(field, "give exactly one of nodeId, region and label"));
                continue;
            }
            if (point.nodeId() != null) {
                try {
                    nodes.get(point.nodeId());
                } catch (NotFound e) {
                    errors.add(new FieldError(field + ".nodeId", "is not a node of this organisation"));
                    continue;
                }
                checked.add(new VantagePoint(point.nodeId(), null, null));
            } else if (blank(point.region()) != null) {
                checked.add(new VantagePoint(null, point.region().strip(), null));
            } else {
                checked.add(new VantagePoint(null, null, point.label().strip()));
            }
        }
        return checked;
    }

    private MonitorSchedule checkSchedule(@Nullable MonitorSchedule schedule, List<FieldError> errors) {
        if (schedule == null) {
            return new MonitorSchedule(DEFAULT_INTERVAL_SECONDS, null, "UTC");
        }
        String zoneName =
                blank(schedule.timeZone()) == null ? "UTC" : schedule.timeZone().strip();
        ZoneId zone = zone(zoneName, "schedule.timeZone", errors);
        String cron = blank(schedule.cron());
        if (cron != null && schedule.intervalSeconds() != null) {
            errors.add(new FieldError("schedule", "give intervalSeconds or cron, not both"));
            return schedule;
        }
        if (cron != null) {
            try {
                CronExpression expression = Slots.parseCron(cron);
                if (zone != null
                        && Slots.shortestGap(expression, zone, clock.instant())
                                        .compareTo(Duration.ofSeconds(MIN_INTERVAL_SECONDS))
                                < 0) {
                    errors.add(new FieldError(
                            "schedule.cron", "fires more often than every " + MIN_INTERVAL_SECONDS + " s"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("schedule.cron", "is not a cron expression: " + e.getMessage()));
            }
            return new MonitorSchedule(null, cron, zoneName);
        }
        int interval = schedule.intervalSeconds() == null ? DEFAULT_INTERVAL_SECONDS : schedule.intervalSeconds();
        if (interval < MIN_INTERVAL_SECONDS || interval > MAX_INTERVAL_SECONDS) {
            errors.add(new FieldError(
                    "schedule.intervalSeconds",
                    "must be " + MIN_INTERVAL_SECONDS + "-" + MAX_INTERVAL_SECONDS + " seconds (30 s to 24 h)"));
        }
        return new MonitorSchedule(interval, null, zoneName);
    }

    private static @Nullable ActiveWindow checkWindow(@Nullable ActiveWindow window, List<FieldError> errors) {
        if (window == null) {
            return null;
        }
        List<String> days = new ArrayList<>();
        if (window.days() == null || window.days().isEmpty()) {
            errors.add(new FieldError("activeWindow.days", "must name at least one day"));
        } else {
            for (int i = 0; i < window.days().size(); i++) {
                String day = window.days().get(i);
                try {
                    days.add(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT))
                            .name());
                } catch (IllegalArgumentException | NullPointerException e) {
                    errors.add(new FieldError("activeWindow.days[" + i + "]", "must be a day: MONDAY … SUNDAY"));
                }
            }
        }
        boolean times = true;
        for (String field : List.of("from", "to")) {
            String value = field.equals("from") ? window.from() : window.to();
            if (value == null || !HH_MM.matcher(value).matches()) {
                errors.add(new FieldError("activeWindow." + field, "must be a time HH:mm (00:00-23:59)"));
                times = false;
            }
        }
        if (times && LocalTime.parse(window.from()).equals(LocalTime.parse(window.to()))) {
            errors.add(new FieldError("activeWindow.to", "must differ from from"));
        }
        String zoneName =
                blank(window.timeZone()) == null ? "UTC" : window.timeZone().strip();
        zone(zoneName, "activeWindow.timeZone", errors);
        return new ActiveWindow(List.copyOf(days), window.from(), window.to(), zoneName);
    }

    private static @Nullable ZoneId zone(String name, String field, List<FieldError> errors) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "is not a time zone (an IANA name such as Europe/Berlin)"));
            return null;
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
