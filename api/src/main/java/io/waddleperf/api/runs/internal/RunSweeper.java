package io.waddleperf.api.runs.internal;

import io.waddleperf.api.runs.RunStatus;
import io.waddleperf.api.runs.internal.RunStore.ProbeRun;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends runs nobody is following any more (their replica died, or a node never answered) once they
 * are past their deadline plus a grace. A cluster job, so one replica sweeps each time; each end is
 * a conditional transition under the run tree's row lock anyway, so a run is never ended twice.
 */
@Component
public class RunSweeper implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(RunSweeper.class);
    private static final int BATCH = 100;

    private final RunStore store;
    private final Dispatcher dispatcher;
    private final RunsProperties properties;
    private final Clock clock;

    RunSweeper(RunStore store, Dispatcher dispatcher, RunsProperties properties, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "runs-overdue-sweep";
    }

    @Override
    public Duration interval() {
        return properties.sweepInterval();
    }

    @Override
    public void run() {
        sweep(clock.instant());
    }

    /** Ends the runs overdue at {@code now}; returns how many it ended. */
    public int sweep(Instant now) {
        int ended = 0;
        for (ProbeRun run : store.overdue(now.minus(properties.sweepGrace()), BATCH)) {
            boolean timedOut = TenantContext.as(run.orgId(), () -> {
                boolean finished = store.finish(
                        run.id(),
                        RunStatus.TIMED_OUT,
                        "no result by its deadline " + run.deadlineAt() + " (ended by the sweeper)",
                        null,
                        null);
                if (finished) {
                    store.nodeOf(run.id()).ifPresent(dispatcher::stopOnNode);
                }
                return finished;
            });
            if (timedOut) {
                ended++;
            }
        }
        if (ended > 0) {
            log.info("{} overdue run(s) timed out", ended);
        }
        return ended;
    }
}
