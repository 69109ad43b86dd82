package io.waddleperf.api.runs.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.runs.RunPage;
import io.waddleperf.api.runs.RunRequest;
import io.waddleperf.api.runs.RunStatus;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.runs.internal.RunEventStream;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.web.RateLimited;
import io.waddleperf.api.tests.NodeSelector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/runs")
@Tag(name = "Runs")
class RunController {

    private static final int MAX_PAGE = 200;

    private final Runs runs;
    private final RunEventStream events;

    RunController(Runs runs, RunEventStream events) {
        this.runs = runs;
        this.events = events;
    }

    /** {@code testId}, or {@code tier} + {@code target} (+ the optional tier-run settings). */
    record StartRequest(
            @Nullable UUID testId,
            @Nullable Integer tier,
            @Nullable @Size(max = 2048) String target,
            @Nullable NodeSelector nodeSelector,
            @Nullable @Size(max = 300) String dnsResolver,
            @Nullable Integer udpEchoPort,
            @Nullable Integer iperfPort) {}

    @Operation(
            summary = "Start a run of a test, or a tier run against a target; dispatched to an online node",
            description = "Answers 202 with the pending run; follow it at /runs/{runId}/events.")
    @PostMapping
    @RequiresRole(Role.MAINTAINER)
    @RateLimited(RateLimited.Budget.RUN_STARTS)
    ResponseEntity<RunView> start(@PathVariable UUID orgId, @Valid @RequestBody StartRequest request) {
        RunView run = runs.start(
                CurrentPrincipal.get(),
                new RunRequest(
                        request.testId(),
                        request.tier(),
                        request.target(),
                        request.nodeSelector(),
                        request.dnsResolver(),
                        request.udpEchoPort(),
                        request.iperfPort()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/orgs/" + orgId + "/runs/" + run.id()))
                .body(run);
    }

    @Operation(summary = "Runs of the organisation, most recent first (keyset pagination with nextCursor)")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    RunPage list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable UUID testId,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        List<FieldError> errors = new ArrayList<>();
        RunStatus wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = RunStatus.fromWireName(status).orElse(null);
            if (wanted == null) {
                errors.add(new FieldError(
                        "status",
                        "must be pending, dispatched, running, succeeded, failed, timed_out, canceled or skipped"));
            }
        }
        if (limit < 1 || limit > MAX_PAGE) {
            errors.add(new FieldError("limit", "must be 1-" + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        return runs.list(wanted, testId, limit, cursor);
    }

    @Operation(summary = "One run with its children (tier runs), timestamps, reason and the node's result")
    @GetMapping("/{runId}")
    @RequiresRole(Role.VIEWER)
    RunView get(@PathVariable UUID orgId, @PathVariable UUID runId) {
        return runs.get(runId);
    }

    @Operation(summary = "Cancel an unfinished run (a tier run with its children); 409 once it has ended")
    @PostMapping("/{runId}/cancel")
    @RequiresRole(Role.MAINTAINER)
    RunView cancel(@PathVariable UUID orgId, @PathVariable UUID runId) {
        return runs.cancel(CurrentPrincipal.get(), runId);
    }

    @Operation(
            summary = "Live progress as server-sent events: state, sample and result; replays from Last-Event-ID",
            description = "Ends after the run's terminal state (a tier run's, after all its children ended).")
    @GetMapping("/{runId}/events")
    @RequiresRole(Role.VIEWER)
    SseEmitter events(
            @PathVariable UUID orgId,
            @PathVariable UUID runId,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        RunView run = runs.get(runId);
        long after = 0;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw InvalidInput.of("Last-Event-ID", "must be an event id this stream sent");
            }
        }
        return events.open(orgId, runId, run.parentRunId() == null, after);
    }
}
