package io.waddleperf.api.nodes.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a node says about itself at enrolment and in every heartbeat (docs/node-protocol.md).
 *
 * @param load probe runs in progress, admitted against {@code capacity}
 * @param systemLoad one-minute load average per core, -1 when unknown
 * @param advertisedUrl where the API reaches the node's control API; null: the caller's address
 * @param seenAddress the address the API saw the report come from (trusted-proxy aware), not
 *     anything the node claims
 */
public record NodeReport(
        String name,
        String region,
        List<String> labels,
        String version,
        List<String> capabilities,
        int capacity,
        int load,
        @Nullable Double systemLoad,
        @Nullable String advertisedUrl,
        @Nullable String seenAddress) {}
