package io.waddleperf.api.tests;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Where a test runs: one node, any node of a region, or any node with a label (exactly one). */
public record NodeSelector(
        @Nullable UUID nodeId,
        @Nullable String region,
        @Nullable String label) {}
