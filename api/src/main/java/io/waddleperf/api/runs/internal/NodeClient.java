package io.waddleperf.api.runs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The node's control API (docs/node-protocol.md section 2), one HTTP call per method. */
@Component
class NodeClient {

    private final HttpClient http;
    private final RunsProperties properties;
    private final JsonMapper json;

    NodeClient(RunsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** How a node answered a start request. */
    sealed interface Start {}

    /**
     * 202, or 409 {@code run-exists}: the node has the run (a retried start whose answer was lost);
     * its events are read with {@link #events}.
     */
    record Accepted() implements Start {}

    /** 200 to {@code ?follow=true}: the node started the run, and this is its event stream. */
    record Following(InputStream events) implements Start {}

    /** 503 {@code node-busy}: every slot is taken; another node may have one. */
    record Busy() implements Start {}

    /** 400/422: the node will not run this spec; another node would say the same. */
    record Refused(String detail) implements Start {}

    /** Unreachable, timed out or broken (5xx, other answers): the node's circuit counts it. */
    record Unavailable(String detail) implements Start {}

    /**
     * Starts a run and, from a node that streams it in the same exchange ({@code ?follow=true}),
     * answers its event stream ({@link Following}, the caller closes it); a node before that
     * answers {@code 202} ({@link Accepted}). One request and one token check on the node per run
     * instead of two. The answer is waited for {@code wait} at most ({@code request-timeout}, or less
     * when the run's deadline is nearer).
     */
    Start start(
            String baseUrl,
            String token,
            UUID runId,
            String type,
            String target,
            Map<String, Object> params,
            Duration wait) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId.toString());
        body.put("type", type);
        body.put("target", target);
        body.put("params", params);
        // No HttpRequest.timeout: from JDK 26 on it also bounds reading the body (JDK-8208693), and
        // the body is the run's whole event stream. The wait for the answer is bounded here.
        HttpRequest request = HttpRequest.newBuilder(uri(baseUrl, "/node/v1/runs?follow=true"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        CompletableFuture<HttpResponse<InputStream>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Unavailable("no answer within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Unavailable(describe(e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
        int status = response.statusCode();
        if (status == 200) {
            return new Following(response.body());
        }
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(4000), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        return switch (status) {
            case 202, 409 -> new Accepted();
            case 503 -> new Busy();
            case 400, 422 -> new Refused(problemDetail(text, status));
            default -> new Unavailable("answered " + status + " " + problemDetail(text, status));
        };
    }

    /** The run's NDJSON event stream; the caller closes it. */
    InputStream events(String baseUrl, String token, UUID runId) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(baseUrl, "/node/v1/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/x-ndjson")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    String text = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
                    throw new IOException("events answered " + response.statusCode() + " "
                            + problemDetail(text, response.statusCode()));
                }
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Best effort: the run ends on our side whatever the node answers. */
    boolean cancel(String baseUrl, String token, UUID runId) {
        HttpRequest request = HttpRequest.newBuilder(uri(baseUrl, "/node/v1/runs/" + runId + "/cancel"))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static URI uri(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + path);
    }

    private String problemDetail(String body, int status) {
        try {
            Map<String, Object> problem = json.readValue(body, RunStore.MAP);
            Object detail = problem.get("detail");
            Object title = problem.get("title");
            return detail != null ? detail.toString() : title != null ? title.toString() : "HTTP " + status;
        } catch (RuntimeException e) {
            return "HTTP " + status;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
