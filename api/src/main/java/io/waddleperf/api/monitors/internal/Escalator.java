package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.results.ResultJudged;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Automatic escalation (SPEC section 7): a breaching result of a monitor's tier-1 run starts tier
 * 2 against the same target on the same node at once, a tier-2 breach starts tier 3 (licensed
 * {@code tier3}). The monitor's cooldowns keep a lasting breach from escalating every round, and
 * each escalated run records its cause. Works after the result's transaction has committed, on a
 * thread of its own, so storing a result never waits for, or fails with, an escalation.
 */
@Component
class Escalator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final Runs runs;
    private final MonitorRounds rounds;
    private final Licensing licensing;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    Escalator(Runs runs, MonitorRounds rounds, Licensing licensing, Clock clock) {
        this.runs = runs;
        this.rounds = rounds;
        this.licensing = licensing;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(ResultJudged result) {
        if (!result.breached()
                || result.monitorId() == null
                || result.tier() == null
                || result.tier() >= 3
                || result.nodeId() == null) {
            return;
        }
        executor.execute(() -> {
            try {
                escalate(result);
            } catch (RuntimeException e) {
                log.warn("Escalation after run {} failed: {}", result.runId(), e.toString(), e);
            }
        });
    }

    void escalate(ResultJudged result) {
        UUID monitor = Objects.requireNonNull(result.monitorId());
        int next = result.tier() + 1;
        if (next == 3 && !licensing.entitled(WaddlePerfFeature.TIER3)) {
            log.info("Monitor {}: tier 2 breached, but tier 3 is not licensed", monitor);
            return;
        }
        ResultJudged.Breach breach = result.breaches().getFirst();
        RunView.Escalation cause = new RunView.Escalation(
                result.parentRunId() == null ? result.runId() : result.parentRunId(),
                result.tier(),
                result.type(),
                breach.metric(),
                breach.threshold(),
                breach.value());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        rounds.escalate(result.orgId(), monitor, next, result.nodeId(), cause, now)
                .ifPresent(run -> {
                    log.info(
                            "Monitor {}: {} {} breached {} ({} against {}); tier {} run {} started",
                            monitor,
                            result.type(),
                            result.target(),
                            breach.metric(),
                            breach.value(),
                            breach.threshold(),
                            next,
                            run.runId());
                    runs.dispatch(result.orgId(), run.probeRunIds());
                });
    }

    @Override
    public void destroy() {
        executor.close();
    }
}
