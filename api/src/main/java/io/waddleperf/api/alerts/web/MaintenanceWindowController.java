package io.waddleperf.api.alerts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.alerts.MaintenanceWindow;
import io.waddleperf.api.alerts.MaintenanceWindowInput;
import io.waddleperf.api.alerts.MaintenanceWindows;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/maintenance-windows")
@Tag(name = "Alerts")
class MaintenanceWindowController {

    private final MaintenanceWindows windows;

    MaintenanceWindowController(MaintenanceWindows windows) {
        this.windows = windows;
    }

    record MaintenanceWindowRequest(
            @Nullable @Size(max = 200) String name,
            AlertRule.@Nullable Scope scope,
            @Nullable Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable @Size(max = 200) String cron,
            @Nullable Integer durationSeconds,
            @Nullable @Size(max = 64) String timeZone) {

        MaintenanceWindowInput toInput() {
            return new MaintenanceWindowInput(name, scope, startsAt, endsAt, cron, durationSeconds, timeZone);
        }
    }

    @Operation(
            summary = "Create a maintenance window: alerts are recorded but not sent while it is active",
            description = "One-off (startsAt, endsAt) or recurring (cron in timeZone, for durationSeconds), for one"
                    + " monitor, a vantage label or the organisation. Licensed autoperf.")
    @PostMapping
    @RequiresRole(Role.MAINTAINER)
    ResponseEntity<MaintenanceWindow> create(
            @PathVariable UUID orgId, @Valid @RequestBody MaintenanceWindowRequest request) {
        MaintenanceWindow created = windows.create(CurrentPrincipal.get(), request.toInput());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + orgId + "/maintenance-windows/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Maintenance windows of the organisation, each with whether it is active now")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<MaintenanceWindow> list(@PathVariable UUID orgId) {
        return windows.list(CurrentPrincipal.get());
    }

    @Operation(summary = "One maintenance window")
    @GetMapping("/{windowId}")
    @RequiresRole(Role.VIEWER)
    MaintenanceWindow get(@PathVariable UUID orgId, @PathVariable UUID windowId) {
        return windows.get(CurrentPrincipal.get(), windowId);
    }

    @Operation(summary = "Replace a maintenance window")
    @PutMapping("/{windowId}")
    @RequiresRole(Role.MAINTAINER)
    MaintenanceWindow replace(
            @PathVariable UUID orgId,
            @PathVariable UUID windowId,
            @Valid @RequestBody MaintenanceWindowRequest request) {
        return windows.replace(CurrentPrincipal.get(), windowId, request.toInput());
    }

    @Operation(summary = "Delete a maintenance window (ADMIN, as every delete)")
    @DeleteMapping("/{windowId}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID windowId) {
        windows.delete(CurrentPrincipal.get(), windowId);
        return ResponseEntity.noContent().build();
    }
}
