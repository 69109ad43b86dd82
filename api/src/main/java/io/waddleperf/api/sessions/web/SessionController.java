package io.waddleperf.api.sessions.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.sessions.IperfSession;
import io.waddleperf.api.sessions.internal.IperfSessions;
import io.waddleperf.api.sessions.internal.SessionExport;
import io.waddleperf.api.sessions.internal.SessionFilter;
import io.waddleperf.api.sessions.internal.SessionStreams;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.web.RateLimited;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A node's iperf3 sessions: every test any iperf3 client ran against its public iperf3 port,
 * accepted or refused (docs/node-protocol.md, "iperf3 sessions"). Viewers read; a node of another
 * organisation is not found.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/nodes/{nodeId}/sessions")
@Tag(name = "Nodes")
class SessionController {

    private final IperfSessions sessions;
    private final SessionExport export;
    private final SessionStreams streams;
    private final Clock clock;

    SessionController(IperfSessions sessions, SessionExport export, SessionStreams streams, Clock clock) {
        this.sessions = sessions;
        this.export = export;
        this.streams = streams;
        this.clock = clock;
    }

    record SessionPage(List<IperfSession> items, @Nullable String nextCursor) {}

    @Operation(
            summary = "The node's iperf3 sessions, newest first, filtered and paged",
            description = "from (inclusive) / to (exclusive): ISO instants on startedAt; client: an address or a CIDR"
                    + " block; outcome ok/refused/error; direction upload/download/bidir; protocol tcp/udp; origin"
                    + " run (sessions of runs the API dispatched, with their runId) or outside (other clients); limit"
                    + " 1-500 (default 50); cursor: the nextCursor of the previous page.")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    SessionPage list(
            @PathVariable UUID orgId,
            @PathVariable UUID nodeId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "An IPv4/IPv6 address or CIDR block") @RequestParam(required = false) @Nullable
                    String client,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String direction,
            @RequestParam(required = false) @Nullable String protocol,
            @Parameter(description = "run: sessions of runs the API dispatched; outside: every other client")
                    @RequestParam(required = false)
                    @Nullable
                    String origin,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        Map<String, String> params = params(from, to, client, outcome, direction, protocol, origin);
        put(params, "limit", limit);
        put(params, "cursor", cursor);
        SessionFilter.Page page = SessionFilter.parsePage(params);
        List<IperfSession> rows = sessions.page(orgId, nodeId, page, page.limit() + 1);
        if (rows.size() <= page.limit()) {
            return new SessionPage(rows, null);
        }
        List<IperfSession> items = rows.subList(0, page.limit());
        IperfSession last = items.getLast();
        return new SessionPage(List.copyOf(items), new SessionFilter.Cursor(last.startedAt(), last.id()).encode());
    }

    @Operation(
            summary = "Export the node's iperf3 sessions as CSV or JSON, streamed",
            description = "The list's filters; format csv or json, else the Accept header (application/json gives"
                    + " JSON), else CSV. At most 100,000 rows, newest first. Columns: docs/node-protocol.md.")
    @GetMapping("/export")
    @RequiresRole(Role.VIEWER)
    @RateLimited(RateLimited.Budget.EXPORTS)
    void export(
            @PathVariable UUID orgId,
            @PathVariable UUID nodeId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String client,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String direction,
            @RequestParam(required = false) @Nullable String protocol,
            @RequestParam(required = false) @Nullable String origin,
            @Parameter(description = "csv or json") @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            HttpServletResponse response)
            throws IOException {
        List<FieldError> errors = new ArrayList<>();
        String chosen = format != null
                ? format
                : accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("text/csv")
                        ? "json"
                        : "csv";
        if (!chosen.equals("csv") && !chosen.equals("json")) {
            errors.add(new FieldError("format", "must be csv or json"));
        }
        SessionFilter filter =
                SessionFilter.parse(params(from, to, client, outcome, direction, protocol, origin), errors);
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        // Before the first byte: a node of another organisation answers 404, not an empty file.
        sessions.requireNode(nodeId);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("iperf3-sessions-" + stamp + "." + chosen)
                        .build()
                        .toString());
        if (chosen.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            export.csv(orgId, nodeId, filter, response.getOutputStream());
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            export.json(orgId, nodeId, filter, response.getOutputStream());
        }
    }

    @Operation(
            summary = "The node's iperf3 sessions live, as server-sent events",
            description = "progress: one interval of a session in progress (first those of the last ten minutes);"
                    + " session: a finished or refused session as it is stored. The stream starts now.")
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresRole(Role.VIEWER)
    SseEmitter events(@PathVariable UUID orgId, @PathVariable UUID nodeId) {
        sessions.requireNode(nodeId);
        return streams.open(orgId, nodeId);
    }

    @Operation(summary = "One iperf3 session with its per-second intervals")
    @GetMapping("/{sessionId}")
    @RequiresRole(Role.VIEWER)
    IperfSessions.Detail get(@PathVariable UUID orgId, @PathVariable UUID nodeId, @PathVariable UUID sessionId) {
        return sessions.get(orgId, nodeId, sessionId);
    }

    private static Map<String, String> params(
            @Nullable String from,
            @Nullable String to,
            @Nullable String client,
            @Nullable String outcome,
            @Nullable String direction,
            @Nullable String protocol,
            @Nullable String origin) {
        Map<String, String> params = new HashMap<>();
        put(params, "origin", origin);
        put(params, "from", from);
        put(params, "to", to);
        put(params, "client", client);
        put(params, "outcome", outcome);
        put(params, "direction", direction);
        put(params, "protocol", protocol);
        return params;
    }

    private static void put(Map<String, String> params, String name, @Nullable String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
