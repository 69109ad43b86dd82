package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.monitors.MonitorLookup;
import io.waddleperf.api.monitors.MonitorLookup.Watched;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of a rule, without storage: which monitors and results it looks at, when a
 * result and a round breach, and when to raise and clear. The history of a rule on a monitor is
 * an int whose bit 0 is the newest closed round (1 = breached), at most {@link #MAX_ROUNDS} bits.
 */
public final class Evaluation {

    public static final int MAX_ROUNDS = 10;
    public static final String METRIC = "metric";
    public static final String THRESHOLDS = "thresholds";

    private Evaluation() {}

    /** Whether the rule covers the monitor: its scope, and for a metric, a probe the monitor runs. */
    public static boolean applies(AlertRule rule, Watched monitor) {
        AlertRule.Scope scope = rule.scope();
        if (scope.monitorId() != null && !scope.monitorId().equals(monitor.id())) {
            return false;
        }
        if (scope.label() != null && !monitor.labels().contains(scope.label())) {
            return false;
        }
        return !probes(rule, monitor).isEmpty();
    }

    /** The monitor's probes whose results the rule judges. */
    public static List<String> probes(AlertRule rule, Watched monitor) {
        if (!METRIC.equals(rule.condition().type())) {
            return monitor.probes();
        }
        String metric = rule.condition().metric();
        String probe = metric == null
                ? ""
                : MonitorLookup.metric(metric).map(MonitorLookup.Metric::probe).orElse("");
        return monitor.probes().contains(probe) ? List.of(probe) : List.of();
    }

    /**
     * Whether one probe result breaches the rule. A metric rule counts a probe run that did not
     * succeed as a breach (an unreachable target is worse than a slow one) and a succeeded result
     * without the figure as none; a thresholds rule takes the result's verdict.
     */
    public static boolean breaches(AlertRule rule, String status, String verdict, Map<String, Double> figures) {
        AlertRule.Condition condition = rule.condition();
        if (!METRIC.equals(condition.type())) {
            return "breach".equals(verdict);
        }
        if (!"succeeded".equals(status)) {
            return true;
        }
        Double value = value(condition, figures);
        return value != null && compare(value, condition.comparison(), condition.threshold());
    }

    /** The rule's figure in a result, if it measured it. */
    public static @Nullable Double value(AlertRule.Condition condition, Map<String, Double> figures) {
        if (condition.metric() == null) {
            return null;
        }
        return MonitorLookup.metric(condition.metric())
                .map(m -> figures.get(m.figure()))
                .orElse(null);
    }

    static boolean compare(double value, @Nullable String comparison, @Nullable Double threshold) {
        if (comparison == null || threshold == null) {
            return false;
        }
        return switch (comparison) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            default -> false;
        };
    }

    /**
     * Whether a round breached: enough of its vantage nodes breached. The count is capped at the
     * nodes the round ran on, so a monitor with fewer nodes online than the minimum still alerts
     * when all of them breach.
     */
    public static boolean roundBreached(AlertRule rule, int breachingNodes, int nodes) {
        if (breachingNodes <= 0 || nodes <= 0) {
            return false;
        }
        AlertRule.Vantage vantage = rule.vantage();
        int minCount = vantage.minCount() == null ? 1 : vantage.minCount();
        if (breachingNodes < Math.min(minCount, nodes)) {
            return false;
        }
        return vantage.minPercent() == null || breachingNodes * 100.0 >= vantage.minPercent() * nodes;
    }

    /** The history after one more closed round. */
    public static int push(int history, boolean breached) {
        return ((history << 1) | (breached ? 1 : 0)) & ((1 << MAX_ROUNDS) - 1);
    }

    /** Breached rounds among the last {@code rounds} of the history. */
    public static int breachesInLast(int history, int rounds) {
        return Integer.bitCount(history & ((1 << rounds) - 1));
    }

    public static boolean shouldRaise(AlertRule rule, int history) {
        return breachesInLast(history, rule.raise().ofRounds()) >= rule.raise().breaches();
    }

    public static boolean shouldClear(AlertRule rule, int goodStreak) {
        return goodStreak >= rule.clear().goodRounds();
    }
}
