package io.waddleperf.protocol;

import java.util.Arrays;

/**
 * Round-trip statistics in milliseconds. Percentiles use the nearest-rank method, which always
 * reports a value that was actually measured. {@code samples} 0 means nothing answered, and the
 * zeros beside it are no latency.
 */
public record Latency(int samples, double min, double avg, double p50, double p95, double p99, double max) {

    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0, 0);

    public static Latency of(double[] millis) {
        if (millis.length == 0) {
            return NONE;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Latency(
                sorted.length,
                round(sorted[0]),
                round(sum / sorted.length),
                round(rank(sorted, 50)),
                round(rank(sorted, 95)),
                round(rank(sorted, 99)),
                round(sorted[sorted.length - 1]));
    }

    public boolean measured() {
        return samples > 0;
    }

    private static double rank(double[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Microsecond resolution is all a JSON reader needs; more digits are noise. */
    public static double round(double millis) {
        return Math.round(millis * 1000.0) / 1000.0;
    }

    public static double millis(long nanos) {
        return round(nanos / 1_000_000.0);
    }
}
