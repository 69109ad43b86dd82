package io.waddleperf.api.monitors.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.monitors.Board;
import io.waddleperf.api.monitors.Monitor;
import io.waddleperf.api.monitors.Monitor.ActiveWindow;
import io.waddleperf.api.monitors.Monitor.MonitorSchedule;
import io.waddleperf.api.monitors.Monitor.VantagePoint;
import io.waddleperf.api.monitors.MonitorInput;
import io.waddleperf.api.monitors.MonitorSeries;
import io.waddleperf.api.monitors.MonitorTrends;
import io.waddleperf.api.monitors.Monitors;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/monitors")
@Tag(name = "Monitors")
class MonitorController {

    private final Monitors monitors;
    private final MonitorTrends trends;

    MonitorController(Monitors monitors, MonitorTrends trends) {
        this.monitors = monitors;
        this.trends = trends;
    }

    /**
     * Target, probes, vantage points, schedule and window are checked together by {@link Monitors},
     * all at once; bean constraints here cover only the sizes that bound the request.
     */
    record MonitorRequest(
            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 2048) String target,
            @Nullable @Size(max = 10) List<String> probes,
            @Nullable @Size(max = 50) List<VantagePoint> vantage,
            @Nullable MonitorSchedule schedule,
            @Nullable ActiveWindow activeWindow,
            @Nullable Integer udpEchoPort,
            @Nullable Integer iperfPort,
            Monitor.@Nullable Escalation escalation,
            @Nullable Boolean enabled) {

        MonitorInput toInput() {
            return new MonitorInput(
                    name, target, probes, vantage, schedule, activeWindow, udpEchoPort, iperfPort, escalation, enabled);
        }
    }

    @Operation(
            summary = "Create a monitor: tier-1 probes against a target on a schedule, from one or more vantage points",
            description = "Licensed autoperf (402 otherwise). Interval 30 s - 24 h (default 300 s, with a"
                    + " per-monitor jitter of up to 15 %), or a cron expression in a time zone. See docs/autoperf.md.")
    @PostMapping
    @RequiresRole(Role.MAINTAINER)
    ResponseEntity<Monitor> create(@PathVariable UUID orgId, @Valid @RequestBody MonitorRequest request) {
        Monitor created = monitors.create(CurrentPrincipal.get(), request.toInput());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + orgId + "/monitors/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Monitors of the organisation")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<Monitor> list(@PathVariable UUID orgId) {
        return monitors.list(CurrentPrincipal.get());
    }

    @Operation(summary = "One monitor")
    @GetMapping("/{monitorId}")
    @RequiresRole(Role.VIEWER)
    Monitor get(@PathVariable UUID orgId, @PathVariable UUID monitorId) {
        return monitors.get(CurrentPrincipal.get(), monitorId);
    }

    @Operation(
            summary = "Replace a monitor's settings; enabled=false pauses it",
            description = "A changed schedule, or a resumed monitor, counts its slots from now.")
    @PutMapping("/{monitorId}")
    @RequiresRole(Role.MAINTAINER)
    Monitor replace(
            @PathVariable UUID orgId, @PathVariable UUID monitorId, @Valid @RequestBody MonitorRequest request) {
        return monitors.replace(CurrentPrincipal.get(), monitorId, request.toInput());
    }

    @Operation(summary = "Delete a monitor (ADMIN, as every delete: SPEC section 3); its runs and results stay")
    @DeleteMapping("/{monitorId}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID monitorId) {
        monitors.delete(CurrentPrincipal.get(), monitorId);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "The live board: every monitor's latest result per vantage node, probe and tier",
            description = "Figures (min/max/avg/p90, failed) cover the last `window` rounds (1-50, default"
                    + " 10). Follow changes at /monitors/board/events with the answer's cursor as Last-Event-ID.")
    @GetMapping("/board")
    @RequiresRole(Role.VIEWER)
    Board board(@PathVariable UUID orgId, @RequestParam(required = false) @Nullable Integer window) {
        return trends.board(CurrentPrincipal.get(), window);
    }

    @Operation(
            summary = "The live board's changes as server-sent events (`row`), resuming after Last-Event-ID",
            description = "One event per changed row, its id the position to resume from. Without Last-Event-ID"
                    + " the stream starts now; a resumed stream may repeat a row: keep the higher version.")
    @GetMapping(path = "/board/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresRole(Role.VIEWER)
    SseEmitter boardEvents(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable Integer window,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        return trends.boardEvents(CurrentPrincipal.get(), window, lastEventId);
    }

    @Operation(
            summary = "A monitor's trend of one metric per vantage node, with the escalations in the period",
            description = "metric is <probe>.<figure> (e.g. tcp_connect.latency_ms; default the first probe's"
                    + " main figure); from/to ISO instants"
                    + " (default the last 24 h); step in seconds, a multiple of 300 (and of 3600 from 3600 up),"
                    + " at most 2000 points. Read from rollups kept as results arrive.")
    @GetMapping("/{monitorId}/series")
    @RequiresRole(Role.VIEWER)
    MonitorSeries series(
            @PathVariable UUID orgId,
            @PathVariable UUID monitorId,
            @RequestParam(required = false) @Nullable String metric,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable Integer step) {
        return trends.series(CurrentPrincipal.get(), monitorId, metric, from, to, step);
    }
}
