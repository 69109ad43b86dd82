package io.waddleperf.api.tests;

import io.waddleperf.protocol.ProbeType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored test as other modules and the API show it. */
public record TestDefinition(
        UUID id,
        String name,
        ProbeType type,
        String target,
        Map<String, Object> params,
        NodeSelector nodeSelector,
        @Nullable Integer tier,
        Instant createdAt,
        Instant updatedAt) {}
