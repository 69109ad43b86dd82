package io.waddleperf.api.nodes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A node as other modules and the API show it. */
public record Node(
        UUID id,
        UUID orgId,
        String name,
        String region,
        List<String> labels,
        String version,
        List<String> capabilities,
        int capacity,
        int load,
        @Nullable Double systemLoad,
        @Nullable String advertisedUrl,
        Status status,
        Instant enrolledAt,
        @Nullable Instant lastHeartbeatAt) {

    public enum Status {
        ONLINE,
        OFFLINE,
        REVOKED
    }
}
