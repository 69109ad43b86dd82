package io.waddleperf.api.tests;

import org.jspecify.annotations.Nullable;

/**
 * How a tier runs and when its results count as a breach (SPEC section 6).
 *
 * @param timeoutSeconds longest a run of this tier may take
 * @param retentionDays how long its results are kept, capped by the license
 * @param customised false while the organisation uses the defaults
 */
public record TierProfile(
        int tier, String name, int timeoutSeconds, int retentionDays, Thresholds thresholds, boolean customised) {

    /** Breach thresholds; a null one is not checked. */
    public record Thresholds(
            @Nullable Double latencyMs,
            @Nullable Double lossPercent,
            @Nullable Double httpMs,
            @Nullable Double dnsMs,
            @Nullable Double throughputMbps,
            @Nullable Double jitterMs,
            @Nullable Double certificateDays) {}

    /** The defaults of SPEC section 6. */
    public static TierProfile defaults(int tier) {
        return switch (tier) {
            case 1 ->
                new TierProfile(1, "basic", 30, 7, new Thresholds(100.0, 5.0, 2000.0, 1000.0, null, null, null), false);
            case 2 ->
                new TierProfile(
                        2, "intermediate", 60, 30, new Thresholds(null, null, null, null, 10.0, 50.0, 7.0), false);
            case 3 ->
                new TierProfile(
                        3, "comprehensive", 300, 90, new Thresholds(null, null, null, null, 10.0, 50.0, 7.0), false);
            default -> throw new IllegalArgumentException("tiers are 1, 2 and 3");
        };
    }
}
