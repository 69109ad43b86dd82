package io.waddleperf.api.monitors.internal;

import org.jspecify.annotations.Nullable;

/** Exact quantiles of small sorted samples: the trends' buckets and the board's windows. */
public final class Quantiles {

    private Quantiles() {}

    /** The nearest-rank quantile {@code q} (0-1] of ascending {@code sorted}; null when empty. */
    public static @Nullable Double nearestRank(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
