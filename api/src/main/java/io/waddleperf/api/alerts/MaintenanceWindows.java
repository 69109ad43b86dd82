package io.waddleperf.api.alerts;

import io.waddleperf.api.alerts.internal.WindowStore;
import io.waddleperf.api.alerts.internal.Windows;
import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.monitors.MonitorLookup;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The current organisation's maintenance windows. Licensed {@code autoperf}; MAINTAINER and ADMIN
 * write, VIEWER reads, ADMIN deletes (the controller's roles).
 */
@Service
public class MaintenanceWindows {

    static final int MIN_DURATION_SECONDS = 60;
    static final int MAX_DURATION_SECONDS = 7 * 86_400;

    private final WindowStore store;
    private final MonitorLookup monitors;
    private final Licensing licensing;
    private final AuditLog audit;
    private final Clock clock;

    MaintenanceWindows(WindowStore store, MonitorLookup monitors, Licensing licensing, AuditLog audit, Clock clock) {
        this.store = store;
        this.monitors = monitors;
        this.licensing = licensing;
        this.audit = audit;
        this.clock = clock;
    }

    public MaintenanceWindow create(OrgPrincipal actor, MaintenanceWindowInput input) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        Instant now = now();
        MaintenanceWindow window = check(actor.orgId(), Ids.newId(), input, now, now);
        store.insert(actor.orgId(), window);
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "maintenance-window.created", window.name()));
        return withActive(window, now);
    }

    public MaintenanceWindow replace(OrgPrincipal actor, UUID id, MaintenanceWindowInput input) {
        MaintenanceWindow existing = get(actor, id);
        Instant now = now();
        MaintenanceWindow window = check(actor.orgId(), id, input, existing.createdAt(), now);
        if (!store.update(actor.orgId(), window)) {
            throw new NotFound("Maintenance window");
        }
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "maintenance-window.updated", window.name()));
        return withActive(window, now);
    }

    public List<MaintenanceWindow> list(OrgPrincipal actor) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        Instant now = now();
        return store.list(actor.orgId()).stream().map(w -> withActive(w, now)).toList();
    }

    public MaintenanceWindow get(OrgPrincipal actor, UUID id) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        return store.find(actor.orgId(), id)
                .map(w -> withActive(w, now()))
                .orElseThrow(() -> new NotFound("Maintenance window"));
    }

    public void delete(OrgPrincipal actor, UUID id) {
        MaintenanceWindow window = get(actor, id);
        if (!store.delete(actor.orgId(), id)) {
            throw new NotFound("Maintenance window");
        }
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "maintenance-window.deleted", window.name()));
    }

    private MaintenanceWindow check(UUID orgId, UUID id, MaintenanceWindowInput input, Instant createdAt, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String name = Checks.name(input.name(), errors);
        AlertRule.Scope scope = Checks.scope(input.scope(), orgId, monitors, errors);
        String cron = input.cron() == null || input.cron().isBlank()
                ? null
                : input.cron().strip();
        boolean oneOff = input.startsAt() != null || input.endsAt() != null;
        String zone = null;
        if (cron != null && oneOff) {
            errors.add(new FieldError("cron", "give startsAt and endsAt, or cron and durationSeconds, not both"));
        } else if (cron != null) {
            try {
                Windows.parseCron(cron);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", "is not a cron expression: " + e.getMessage()));
            }
            if (input.durationSeconds() == null
                    || input.durationSeconds() < MIN_DURATION_SECONDS
                    || input.durationSeconds() > MAX_DURATION_SECONDS) {
                errors.add(new FieldError(
                        "durationSeconds",
                        "must be " + MIN_DURATION_SECONDS + "-" + MAX_DURATION_SECONDS + " seconds"));
            }
            zone = input.timeZone() == null || input.timeZone().isBlank()
                    ? "UTC"
                    : input.timeZone().strip();
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "is not a time zone (an IANA name such as Europe/Berlin)"));
            }
        } else if (oneOff) {
            if (input.startsAt() == null) {
                errors.add(new FieldError("startsAt", "is required with endsAt"));
            }
            if (input.endsAt() == null) {
                errors.add(new FieldError("endsAt", "is required with startsAt"));
            }
            if (input.startsAt() != null
                    && input.endsAt() != null
                    && !input.startsAt().isBefore(input.endsAt())) {
                errors.add(new FieldError("endsAt", "must be after startsAt"));
            }
        } else {
            errors.add(new FieldError("startsAt", "give startsAt and endsAt (one-off), or cron and durationSeconds"));
        }
        Checks.throwIfAny(errors);
        return new MaintenanceWindow(
                id,
                name,
                scope,
                cron == null ? truncate(input.startsAt()) : null,
                cron == null ? truncate(input.endsAt()) : null,
                cron,
                cron == null ? null : input.durationSeconds(),
                zone,
                false,
                createdAt,
                now);
    }

    private static Instant truncate(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static MaintenanceWindow withActive(MaintenanceWindow w, Instant now) {
        return new MaintenanceWindow(
                w.id(),
                w.name(),
                w.scope(),
                w.startsAt(),
                w.endsAt(),
                w.cron(),
                w.durationSeconds(),
                w.timeZone(),
                Windows.active(w, now),
                w.createdAt(),
                w.updatedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
