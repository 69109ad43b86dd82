package io.waddleperf.api.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that ends a probe run, so whoever keeps results stores them
 * atomically with the run's final state. Tier runs publish one event per probe run (with
 * {@code parentRunId}), never for the parent.
 *
 * @param probeType the wire name: tcp_connect, udp_echo, http, dns, ssh, throughput
 * @param status succeeded, failed, timed_out, canceled or skipped
 * @param reason why a run did not succeed, for people
 * @param result the node's result object, empty when the node sent none
 * @param samples the per-second samples the node streamed, in order
 * @param monitorId the AutoPerf monitor whose round or escalation started the run, else null
 */
public record RunFinished(
        UUID runId,
        UUID orgId,
        @Nullable UUID testId,
        @Nullable UUID parentRunId,
        @Nullable UUID nodeId,
        @Nullable String nodeName,
        String probeType,
        String target,
        @Nullable Integer tier,
        String status,
        @Nullable String reason,
        Instant createdAt,
        @Nullable Instant startedAt,
        Instant finishedAt,
        Map<String, Object> result,
        List<Sample> samples,
        @Nullable UUID monitorId) {

    /** One per-second sample; {@code values} is the node's progress object. */
    public record Sample(int second, Map<String, Object> values) {}
}
