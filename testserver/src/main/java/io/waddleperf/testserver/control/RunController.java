package io.waddleperf.testserver.control;

import io.waddleperf.testserver.control.NodeStatus.NodeInfo;
import io.waddleperf.testserver.control.RunSpecParser.ParsedRun;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node's control API: the API (or a standalone caller holding the static key) starts a probe
 * run, follows it as NDJSON, cancels it, and reads what the node offers.
 */
@RestController
@RequestMapping("/node/v1")
class RunController {

    private static final Logger log = LoggerFactory.getLogger(RunController.class);
    static final String NDJSON_VALUE = "application/x-ndjson";

    private final RunSpecParser parser;
    private final Runs runs;
    private final NodeStatus status;

    RunController(RunSpecParser parser, Runs runs, NodeStatus status) {
        this.parser = parser;
        this.runs = runs;
        this.status = status;
    }

    record RunAccepted(String runId, String status, URI events) {}

    record RunState(String runId, String status) {}

    /** Raw text body: {@link RunSpecParser} reports every problem with it, including bad syntax. */
    @PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RunAccepted> start(@RequestBody(required = false) String body, @AuthenticationPrincipal Jwt token) {
        ParsedRun spec = parser.parse(body);
        RunTokens.requireRun(token, spec.runId(), status.nodeId());
        Run run = runs.start(spec);
        URI events = URI.create("/node/v1/runs/" + run.id() + "/events");
        return ResponseEntity.accepted()
                .location(events)
                .body(new RunAccepted(run.id(), run.state().wireName(), events));
    }

    /**
     * {@code POST /runs?follow=true}: starts a run and answers its event stream in the same
     * exchange ({@code 200}, NDJSON, as {@link #events} writes it), so the API spends one request
     * and one token check per run instead of two. A query parameter rather than content
     * negotiation: a node before this ignores it and answers {@link #start}'s {@code 202}, which
     * the API then follows with {@link #events}, and a caller that sends no {@code Accept} still
     * gets the {@code 202} it always did. Errors are problem documents either way.
     */
    @PostMapping(path = "/runs", params = "follow=true", consumes = MediaType.APPLICATION_JSON_VALUE)
    void startAndStream(
            @RequestBody(required = false) String body,
            @AuthenticationPrincipal Jwt token,
            HttpServletResponse response)
            throws IOException {
        ParsedRun spec = parser.parse(body);
        RunTokens.requireRun(token, spec.runId(), status.nodeId());
        Run run = runs.start(spec);
        response.setHeader(HttpHeaders.LOCATION, "/node/v1/runs/" + run.id() + "/events");
        writeStream(run, response);
    }

    /**
     * One JSON object per line: {@code started}, a {@code sample} per second while the probe
     * runs, and a final {@code result}. Each line is flushed as it is written, so a reader sees
     * progress live; a reader that joins late gets the lines it missed first.
     *
     * <p>Written on the request's own (virtual) thread rather than as an async response: the
     * blocked thread costs nothing, no async timeout can cut a 300 s run short, and every flush
     * reaches the socket at once.
     */
    @GetMapping(path = "/runs/{runId}/events", produces = "application/x-ndjson")
    void events(@PathVariable String runId, @AuthenticationPrincipal Jwt token, HttpServletResponse response)
            throws IOException {
        RunTokens.requireRun(token, runId, status.nodeId());
        Run run = runs.find(runId).orElseThrow(() -> NodeProblems.runNotFound(runId));
        writeStream(run, response);
    }

    private static void writeStream(Run run, HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(NDJSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        // Tells nginx-style proxies not to buffer the stream.
        response.setHeader("X-Accel-Buffering", "no");
        ServletOutputStream out = response.getOutputStream();
        try {
            // Headers go out now, so the reader knows the run exists before its first sample.
            out.flush();
            stream(run, out);
        } catch (IOException e) {
            // The reader went away; the run goes on and another reader may pick it up.
            log.debug("events reader of run {} disconnected: {}", run.id(), e.getMessage());
        }
    }

    @PostMapping("/runs/{runId}/cancel")
    ResponseEntity<RunState> cancel(@PathVariable String runId, @AuthenticationPrincipal Jwt token) {
        RunTokens.requireRun(token, runId, status.nodeId());
        Run run = runs.find(runId).orElseThrow(() -> NodeProblems.runNotFound(runId));
        run.cancel();
        return ResponseEntity.accepted().body(new RunState(run.id(), run.state().wireName()));
    }

    @GetMapping("/info")
    NodeInfo info() {
        return status.info();
    }

    private static void stream(Run run, OutputStream out) throws IOException {
        int next = 0;
        try {
            while (true) {
                List<String> lines = run.linesFrom(next, Duration.ofSeconds(5));
                if (lines.isEmpty()) {
                    if (run.state() != Run.State.RUNNING) {
                        return;
                    }
                    continue;
                }
                for (String line : lines) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                out.flush();
                next += lines.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
