package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.monitors.MonitorLookup;
import io.waddleperf.api.monitors.MonitorLookup.Round;
import io.waddleperf.api.monitors.MonitorLookup.Watched;
import io.waddleperf.api.results.ResultJudged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks each judged tier-1 result of a monitor against the organisation's alert rules, in the
 * transaction that stores the result (like the monitors' trends and board): the result, the
 * rounds it completes and any alert it raises or clears commit together or not at all, and a
 * retried transaction counts again from the committed state.
 *
 * <p>A round is one slot of a monitor across its vantage nodes. Its results arrive one probe run
 * at a time; the round is closed (judged once) when every probe run the rule looks at has
 * reported (nodes x probes), or, should one never report, when a result of a later round
 * arrives. A result of a round already closed is ignored.
 */
@Component
class AlertEvaluator {

    /** How far a result's finish may lie behind the clock that stamped its round. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final RuleStore rules;
    private final StateStore states;
    private final AlertLifecycle lifecycle;
    private final MonitorLookup monitors;
    private final Clock clock;

    AlertEvaluator(RuleStore rules, StateStore states, AlertLifecycle lifecycle, MonitorLookup monitors, Clock clock) {
        this.rules = rules;
        this.states = states;
        this.lifecycle = lifecycle;
        this.monitors = monitors;
        this.clock = clock;
    }

    @EventListener
    void on(ResultJudged result) {
        if (result.monitorId() == null
                || result.nodeId() == null
                || result.parentRunId() == null
                || (result.tier() != null && result.tier() != 1)) {
            return;
        }
        List<AlertRule> enabled = rules.enabled(result.orgId());
        if (enabled.isEmpty()) {
            return;
        }
        Optional<Round> found = monitors.roundOf(
                result.orgId(),
                result.monitorId(),
                result.parentRunId(),
                result.finishedAt().plus(CLOCK_MARGIN));
        if (found.isEmpty()) {
            return;
        }
        Round round = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (AlertRule rule : enabled) {
            List<String> probes = Evaluation.probes(rule, round.monitor());
            if (Evaluation.applies(rule, round.monitor()) && probes.contains(result.type())) {
                record(result, rule, round, probes.size(), now);
            }
        }
    }

    private void record(ResultJudged result, AlertRule rule, Round round, int probes, Instant now) {
        UUID orgId = result.orgId();
        Watched monitor = round.monitor();
        StateStore.State state = states.lock(orgId, rule.id(), monitor.id(), now);
        Instant due = round.dueAt();
        if (state.lastDueAt != null && !due.isAfter(state.lastDueAt)) {
            return;
        }
        if (state.curDueAt != null && due.isBefore(state.curDueAt)) {
            return;
        }
        if (state.curDueAt != null && due.isAfter(state.curDueAt)) {
            // The round being collected will not complete: judge it on what reported.
            close(orgId, rule, monitor, state, now);
        }
        if (state.curDueAt == null) {
            state.curDueAt = due;
            state.curNodes = round.nodes();
            state.curExpected = round.nodes() * probes;
            state.curReported = 0;
            state.curBreached = new ArrayList<>();
            state.curWorst = null;
        }
        state.curReported++;
        if (Evaluation.breaches(rule, result.status(), result.verdict(), result.figures())) {
            String node = result.nodeId().toString();
            if (!state.curBreached.contains(node)) {
                state.curBreached.add(node);
            }
            if (state.curWorst == null) {
                state.curWorst = describe(rule, result);
            }
        }
        if (state.curReported >= state.curExpected) {
            close(orgId, rule, monitor, state, now);
        }
        states.save(state, now);
    }

    /** Judges the round being collected, moves it into the history, and raises or clears. */
    private void close(UUID orgId, AlertRule rule, Watched monitor, StateStore.State state, Instant now) {
        int breaching = state.curBreached.size();
        int nodes = state.curNodes;
        String example = state.curWorst;
        boolean breached = Evaluation.roundBreached(rule, breaching, nodes);
        state.history = Evaluation.push(state.history, breached);
        state.rounds = Math.min(state.rounds + 1, Evaluation.MAX_ROUNDS);
        state.goodStreak = breached ? 0 : state.goodStreak + 1;
        state.lastDueAt = state.curDueAt;
        state.curDueAt = null;
        state.curNodes = 0;
        state.curExpected = 0;
        state.curReported = 0;
        state.curBreached = new ArrayList<>();
        state.curWorst = null;

        Optional<AlertStore.Row> open =
                state.openAlertId == null ? Optional.empty() : lifecycle.lockUnresolved(orgId, state.openAlertId);
        if (open.isEmpty() && Evaluation.shouldRaise(rule, state.history)) {
            state.openAlertId = lifecycle
                    .raise(orgId, rule, monitor, cause(rule, state.history, breaching, nodes, example), now)
                    .id();
        } else if (open.isPresent() && Evaluation.shouldClear(rule, state.goodStreak)) {
            lifecycle.resolve(
                    orgId,
                    open.get(),
                    AlertLifecycle.Actor.RULES,
                    state.goodStreak + " good round" + (state.goodStreak == 1 ? "" : "s") + " in a row",
                    now);
            state.history = 0;
            state.rounds = 0;
            state.goodStreak = 0;
            state.openAlertId = null;
        }
    }

    static String cause(AlertRule rule, int history, int breaching, int nodes, String example) {
        AlertRule.Condition condition = rule.condition();
        String what = Evaluation.METRIC.equals(condition.type())
                ? condition.metric() + " " + condition.comparison() + " " + number(condition.threshold())
                : "tier-1 thresholds breached";
        String text = what + ": "
                + Evaluation.breachesInLast(history, rule.raise().ofRounds()) + " of the last "
                + rule.raise().ofRounds() + " rounds; in the last, " + breaching + " of " + nodes + " vantage point"
                + (nodes == 1 ? "" : "s");
        return example == null ? text : text + " (" + example + ")";
    }

    private static String describe(AlertRule rule, ResultJudged result) {
        String node = result.nodeName() == null ? result.nodeId().toString() : result.nodeName();
        if (!"succeeded".equals(result.status())) {
            return result.type() + " " + result.status() + " on " + node;
        }
        if (Evaluation.METRIC.equals(rule.condition().type())) {
            Double value = Evaluation.value(rule.condition(), result.figures());
            return number(value) + " on " + node;
        }
        if (!result.breaches().isEmpty()) {
            ResultJudged.Breach breach = result.breaches().getFirst();
            return result.type() + " " + breach.metric() + " " + breach.value() + " past " + breach.threshold() + " on "
                    + node;
        }
        return result.type() + " breached on " + node;
    }

    private static String number(Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : String.format(Locale.ROOT, "%.2f", value);
    }
}
