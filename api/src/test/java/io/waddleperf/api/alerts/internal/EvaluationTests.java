package io.waddleperf.api.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.monitors.MonitorLookup.Watched;
import io.waddleperf.api.notifications.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvaluationTests {

    static final UUID MONITOR = UUID.randomUUID();
    static final Watched EDGE = new Watched(MONITOR, "Edge", List.of("tcp_connect", "http"), Set.of("edge"));

    static AlertRule rule(AlertRule.Scope scope, AlertRule.Condition condition, int x, int y, int k) {
        return rule(scope, condition, x, y, new AlertRule.Vantage(1, null), k);
    }

    static AlertRule rule(
            AlertRule.Scope scope, AlertRule.Condition condition, int x, int y, AlertRule.Vantage vantage, int k) {
        return new AlertRule(
                UUID.randomUUID(),
                "r",
                scope,
                condition,
                new AlertRule.Raise(x, y),
                vantage,
                Severity.WARNING,
                new AlertRule.Clear(k),
                List.of(),
                true,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    static final AlertRule.Condition LATENCY_OVER_100 =
            new AlertRule.Condition("metric", "tcp_connect.latency_ms", ">", 100.0);
    static final AlertRule.Condition THRESHOLDS = new AlertRule.Condition("thresholds", null, null, null);
    static final AlertRule.Scope ALL = new AlertRule.Scope(null, null);

    @Test
    void scopeMatchesOneMonitorALabelOfItsVantagePointsOrAll() {
        assertThat(Evaluation.applies(rule(ALL, THRESHOLDS, 1, 1, 1), EDGE)).isTrue();
        assertThat(Evaluation.applies(rule(new AlertRule.Scope(MONITOR, null), THRESHOLDS, 1, 1, 1), EDGE))
                .isTrue();
        assertThat(Evaluation.applies(rule(new AlertRule.Scope(UUID.randomUUID(), null), THRESHOLDS, 1, 1, 1), EDGE))
                .isFalse();
        assertThat(Evaluation.applies(rule(new AlertRule.Scope(null, "edge"), THRESHOLDS, 1, 1, 1), EDGE))
                .isTrue();
        assertThat(Evaluation.applies(rule(new AlertRule.Scope(null, "core"), THRESHOLDS, 1, 1, 1), EDGE))
                .isFalse();
    }

    @Test
    void aMetricRuleLooksOnlyAtItsProbeAndOnlyOnMonitorsThatRunIt() {
        assertThat(Evaluation.probes(rule(ALL, LATENCY_OVER_100, 1, 1, 1), EDGE))
                .containsExactly("tcp_connect");
        assertThat(Evaluation.probes(rule(ALL, THRESHOLDS, 1, 1, 1), EDGE)).containsExactly("tcp_connect", "http");
        AlertRule dns = rule(ALL, new AlertRule.Condition("metric", "dns.dns_ms", ">", 5.0), 1, 1, 1);
        assertThat(Evaluation.applies(dns, EDGE)).isFalse();
    }

    @Test
    void aResultBreachesByComparisonByFailureOrByVerdict() {
        AlertRule metric = rule(ALL, LATENCY_OVER_100, 1, 1, 1);
        assertThat(Evaluation.breaches(metric, "succeeded", "ok", Map.of("latency_ms", 100.5)))
                .isTrue();
        assertThat(Evaluation.breaches(metric, "succeeded", "ok", Map.of("latency_ms", 100.0)))
                .isFalse();
        assertThat(Evaluation.breaches(metric, "failed", "breach", Map.of())).isTrue();
        assertThat(Evaluation.breaches(metric, "succeeded", "ok", Map.of())).isFalse();
        AlertRule atMost = rule(ALL, new AlertRule.Condition("metric", "tcp_connect.latency_ms", "<=", 1.0), 1, 1, 1);
        assertThat(Evaluation.breaches(atMost, "succeeded", "ok", Map.of("latency_ms", 1.0)))
                .isTrue();
        AlertRule verdict = rule(ALL, THRESHOLDS, 1, 1, 1);
        assertThat(Evaluation.breaches(verdict, "succeeded", "breach", Map.of()))
                .isTrue();
        assertThat(Evaluation.breaches(verdict, "succeeded", "ok", Map.of("latency_ms", 9999.0)))
                .isFalse();
    }

    @Test
    void aRoundBreachesWithEnoughVantagePointsByCountAndShare() {
        AlertRule two = rule(ALL, THRESHOLDS, 1, 1, new AlertRule.Vantage(2, null), 1);
        assertThat(Evaluation.roundBreached(two, 1, 3)).isFalse();
        assertThat(Evaluation.roundBreached(two, 2, 3)).isTrue();
        // Capped at the nodes the round ran on: one node online, breaching, still counts.
        assertThat(Evaluation.roundBreached(two, 1, 1)).isTrue();
        AlertRule half = rule(ALL, THRESHOLDS, 1, 1, new AlertRule.Vantage(null, 50.0), 1);
        assertThat(Evaluation.roundBreached(half, 1, 3)).isFalse();
        assertThat(Evaluation.roundBreached(half, 2, 4)).isTrue();
        assertThat(Evaluation.roundBreached(half, 0, 4)).isFalse();
    }

    @Test
    void xOfTheLastYRoundsRaisesAndTheHistoryKeepsTenRounds() {
        AlertRule threeOfFive = rule(ALL, THRESHOLDS, 3, 5, 2);
        int history = 0;
        boolean[] rounds = {true, false, true, false, false, true, true, false};
        // Only round 6 sees three breaches among its last five (rounds 2, 5 and 6).
        boolean[] raise = {false, false, false, false, false, false, true, false};
        for (int i = 0; i < rounds.length; i++) {
            history = Evaluation.push(history, rounds[i]);
            assertThat(Evaluation.shouldRaise(threeOfFive, history))
                    .as("round %d", i)
                    .isEqualTo(raise[i]);
        }
        for (int i = 0; i < 20; i++) {
            history = Evaluation.push(history, true);
        }
        assertThat(Integer.bitCount(history)).isEqualTo(Evaluation.MAX_ROUNDS);
        assertThat(Evaluation.shouldClear(threeOfFive, 1)).isFalse();
        assertThat(Evaluation.shouldClear(threeOfFive, 2)).isTrue();
    }
}
