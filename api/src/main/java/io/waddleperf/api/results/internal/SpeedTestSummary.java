package io.waddleperf.api.results.internal;

import org.jspecify.annotations.Nullable;

/** The result object of a browser speed test, as {@link SpeedTests} records it. */
record SpeedTestSummary(
        @Nullable Double downloadMbps,
        @Nullable Double uploadMbps,
        @Nullable Double pingMs,
        @Nullable Double jitterMs,
        @Nullable Long bytesDown,
        @Nullable Long bytesUp,
        @Nullable Long durationMillis,
        @Nullable String userAgent) {}
