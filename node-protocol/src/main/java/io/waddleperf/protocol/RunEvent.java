package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of a run's NDJSON event stream ({@code GET /node/v1/runs/{runId}/events}): the node
 * writes {@code started}, then a {@code sample} per second while it has progress to report, then
 * exactly one {@code result}. The {@code event} property names the kind; readers ignore
 * properties they do not know, so a node may add figures without breaking older APIs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = RunEvent.Sample.class, name = "sample"),
    @JsonSubTypes.Type(value = RunEvent.Finished.class, name = "result")
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface RunEvent {

    String runId();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Started(String runId, ProbeType type, String target, Instant startedAt) implements RunEvent {}

    /**
     * @param second seconds since the run started
     * @param progress a {@link ProbeProgress} when written; its JSON object when read
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sample(String runId, long second, Object progress) implements RunEvent {}

    /**
     * @param status succeeded, failed or cancelled
     * @param result a {@link ProbeResult} when written; its JSON object when read
     * @param error why the run did not succeed, as a problem document's fields
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Finished(
            String runId,
            String status,
            double elapsedMillis,
            @Nullable Object result,
            @Nullable Map<String, Object> error)
            implements RunEvent {}
}
