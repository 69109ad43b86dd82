package io.waddleperf.api.results.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waddleperf.api.tests.TierProfile.Thresholds;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a result against its tier's thresholds (docs/results.md, "Verdict"). A run that failed or
 * timed out is a breach of its own: a target that cannot be measured is what monitoring must
 * notice first. A canceled run was stopped by a person and says nothing about the network, so it
 * is checked against nothing.
 */
public final class Verdicts {

    public static final String OK = "ok";
    public static final String BREACH = "breach";

    private Verdicts() {}

    /** One threshold that fired; {@code threshold} and {@code value} are numbers except for status. */
    public record Breach(
            String metric,
            @Schema(types = {"number", "string"}) Object threshold,
            @Schema(types = {"number", "string"}) Object value) {}

    public static List<Breach> evaluate(String status, Metrics m, Thresholds t) {
        List<Breach> breaches = new ArrayList<>();
        switch (status) {
            case "failed", "timed_out" -> {
                breaches.add(new Breach("status", "succeeded", status));
                return breaches;
            }
            // Nothing was measured, and nothing went wrong with the target: no breach to escalate.
            case "canceled", "skipped" -> {
                return breaches;
            }
            default -> {}
        }
        above(breaches, "latencyMs", t.latencyMs(), m.latencyForThreshold());
        above(breaches, "lossPercent", t.lossPercent(), m.lossPercent());
        above(breaches, "httpMs", t.httpMs(), m.httpTotalMs());
        above(breaches, "dnsMs", t.dnsMs(), m.dnsMs());
        below(breaches, "throughputMbps", t.throughputMbps(), m.slowestThroughput());
        above(breaches, "jitterMs", t.jitterMs(), m.jitterMs());
        below(
                breaches,
                "certificateDays",
                t.certificateDays(),
                m.certificateDaysLeft() == null ? null : m.certificateDaysLeft().doubleValue());
        return breaches;
    }

    public static String verdict(List<Breach> breaches) {
        return breaches.isEmpty() ? OK : BREACH;
    }

    private static void above(List<Breach> out, String metric, @Nullable Double threshold, @Nullable Double value) {
        if (threshold != null && value != null && value > threshold) {
            out.add(new Breach(metric, threshold, value));
        }
    }

    private static void below(List<Breach> out, String metric, @Nullable Double threshold, @Nullable Double value) {
        if (threshold != null && value != null && value < threshold) {
            out.add(new Breach(metric, threshold, value));
        }
    }
}
