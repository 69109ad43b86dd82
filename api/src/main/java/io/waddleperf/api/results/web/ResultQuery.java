package io.waddleperf.api.results.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of the list and the export, as text: {@code ResultFilter} parses them all
 * at once, so one answer names every bad one.
 */
record ResultQuery(
        @Parameter(description = "A test id") @Nullable String testId,
        @Parameter(description = "A node id") @Nullable String nodeId,
        @Parameter(description = "Exact target") @Nullable String target,
        @Parameter(description = "1, 2 or 3") @Nullable String tier,

        @Parameter(description = "succeeded, failed, timed_out, canceled or skipped") @Nullable
        String status,

        @Parameter(description = "ok or breach") @Nullable String verdict,

        @Parameter(description = "tcp_connect, udp_echo, http, dns, ssh, throughput or speedtest") @Nullable
        String type,

        @Parameter(description = "Finished at or after this ISO-8601 instant") @Nullable
        String from,

        @Parameter(description = "Finished before this ISO-8601 instant") @Nullable
        String to,

        @Parameter(description = "List only: page size 1-500, default 50") @Nullable
        String limit,

        @Parameter(description = "List only: the nextCursor of the previous page") @Nullable
        String cursor,

        @Parameter(description = "Export only: csv (default) or json") @Nullable
        String format) {

    Map<String, String> toMap() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "testId", testId);
        put(params, "nodeId", nodeId);
        put(params, "target", target);
        put(params, "tier", tier);
        put(params, "status", status);
        put(params, "verdict", verdict);
        put(params, "type", type);
        put(params, "from", from);
        put(params, "to", to);
        put(params, "limit", limit);
        put(params, "cursor", cursor);
        put(params, "format", format);
        return params;
    }

    private static void put(Map<String, String> params, String name, @Nullable String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
