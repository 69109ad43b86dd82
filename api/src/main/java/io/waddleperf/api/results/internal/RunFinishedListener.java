package io.waddleperf.api.results.internal;

import io.waddleperf.api.runs.RunFinished;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores a run's result in the transaction that ends the run, so a run is never final without
 * its result, nor a result stored for a run that rolled back. A repeated event for the same run
 * (a redelivery, a retried transaction) finds the result and stores nothing.
 */
@Component
class RunFinishedListener {

    private final ResultRecorder recorder;
    private final ResultStore store;

    RunFinishedListener(ResultRecorder recorder, ResultStore store) {
        this.recorder = recorder;
        this.store = store;
    }

    @EventListener
    void on(RunFinished event) {
        if (store.existsForRun(event.runId())) {
            return;
        }
        ResultDraft draft = new ResultDraft(
                event.orgId(),
                event.runId(),
                event.parentRunId(),
                event.testId(),
                event.nodeId(),
                truncate(event.nodeName(), 100),
                event.probeType(),
                truncate(event.target(), 2048),
                event.tier(),
                event.status(),
                truncate(event.reason(), 1000),
                event.startedAt(),
                event.finishedAt(),
                event.result(),
                event.samples().stream()
                        .map(s -> new ResultDraft.Sample(s.second(), s.values()))
                        .toList(),
                null);
        recorder.insert(recorder.row(draft, recorder.thresholdsOrDefaults(event.orgId(), event.tier())));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
