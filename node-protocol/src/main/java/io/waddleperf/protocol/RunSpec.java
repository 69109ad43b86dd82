package io.waddleperf.protocol;

import java.util.Map;
import java.util.Set;

/**
 * What the API sends a node to start a run ({@code POST /node/v1/runs}).
 *
 * @param runId the API's run id; the per-run token names the same id
 * @param params the probe's parameters as the test stored them (defaults left out)
 */
public record RunSpec(String runId, ProbeType type, String target, Map<String, Object> params) {

    /** The fields a run spec has; anything else in a body is refused. */
    public static final Set<String> FIELDS = Set.of("runId", "type", "target", "params");

    /** Run ids are the API's UUIDs; the bound keeps a hostile id out of logs and paths. */
    public static final String RUN_ID_REGEX = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
}
