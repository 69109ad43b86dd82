package io.waddleperf.api.openmetrics.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.alerts.Alerts;
import io.waddleperf.api.monitors.Board;
import io.waddleperf.api.monitors.MonitorTrends;
import io.waddleperf.api.openmetrics.internal.OpenMetricsText;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/metrics")
@Tag(name = "OpenMetrics")
class OpenMetricsController {

    private final MonitorTrends trends;
    private final Alerts alerts;

    OpenMetricsController(MonitorTrends trends, Alerts alerts) {
        this.trends = trends;
        this.alerts = alerts;
    }

    @Operation(
            summary = "The organisation's monitors as a Prometheus / OpenMetrics scrape target",
            description = "One gauge per monitor × vantage node × probe × tier: the latest value, the last `window`"
                    + " rounds' figures (1-50, default 10), the latest status and verdict; and one gauge per unresolved alert. Scrape it with an API key"
                    + " (`Authorization: ApiKey wpk_…`, any role); OpenMetrics 1.0 when the Accept header asks for"
                    + " it, else the Prometheus 0.0.4 text format. Licensed `autoperf`.")
    @ApiResponse(
            responseCode = "200",
            description = "The metric families",
            content = {
                @Content(mediaType = "application/openmetrics-text", schema = @Schema(type = "string")),
                @Content(mediaType = "text/plain", schema = @Schema(type = "string"))
            })
    @GetMapping
    @RequiresRole(Role.VIEWER)
    ResponseEntity<String> scrape(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable Integer window,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        OrgPrincipal actor = CurrentPrincipal.get();
        Board board = trends.board(actor, window);
        List<Alert> unresolved = alerts.unresolved(actor);
        boolean openMetrics = OpenMetricsText.wantsOpenMetrics(accept);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_TYPE,
                        openMetrics ? OpenMetricsText.OPENMETRICS : OpenMetricsText.PROMETHEUS)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(OpenMetricsText.render(board.rows(), unresolved, openMetrics));
    }
}
