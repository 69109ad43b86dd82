package io.waddleperf.api.alerts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.alerts.AlertDetail;
import io.waddleperf.api.alerts.Alerts;
import io.waddleperf.api.alerts.MonitorAlerts;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/alerts")
@Tag(name = "Alerts")
class AlertController {

    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @Operation(
            summary = "Alerts of the organisation, newest raised first",
            description = "Filters: state (open, acknowledged, resolved), severity (info, warning, critical),"
                    + " monitorId, ruleId, from/to (ISO instants, on the raise time), limit (1-500, default 100).")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<Alert> list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable UUID monitorId,
            @RequestParam(required = false) @Nullable UUID ruleId,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable Integer limit) {
        return alerts.list(CurrentPrincipal.get(), state, severity, monitorId, ruleId, from, to, limit);
    }

    @Operation(
            summary = "Per monitor with unresolved alerts: how many open, how many acknowledged, the highest severity",
            description = "For the live board and the monitor page, which join it by monitorId.")
    @GetMapping("/by-monitor")
    @RequiresRole(Role.VIEWER)
    List<MonitorAlerts> byMonitor(@PathVariable UUID orgId) {
        return alerts.unresolvedByMonitor(CurrentPrincipal.get());
    }

    @Operation(summary = "One alert with its timeline: transitions and delivery attempts")
    @GetMapping("/{alertId}")
    @RequiresRole(Role.VIEWER)
    AlertDetail get(@PathVariable UUID orgId, @PathVariable UUID alertId) {
        return alerts.get(CurrentPrincipal.get(), alertId);
    }

    @Operation(summary = "Acknowledge an open alert (records who and when); a resolved one is a 409")
    @PostMapping("/{alertId}/acknowledge")
    @RequiresRole(Role.MAINTAINER)
    Alert acknowledge(@PathVariable UUID orgId, @PathVariable UUID alertId) {
        return alerts.acknowledge(CurrentPrincipal.get(), alertId);
    }

    @Operation(summary = "Resolve an alert by hand; a resolved one is a 409")
    @PostMapping("/{alertId}/resolve")
    @RequiresRole(Role.MAINTAINER)
    Alert resolve(@PathVariable UUID orgId, @PathVariable UUID alertId) {
        return alerts.resolve(CurrentPrincipal.get(), alertId);
    }
}
