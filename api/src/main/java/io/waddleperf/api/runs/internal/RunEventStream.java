package io.waddleperf.api.runs.internal;

import io.waddleperf.api.runs.internal.RunStore.StoredEvent;
import io.waddleperf.api.shared.web.EventStreams;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A run's events as server-sent events: first what is stored after the subscriber's last event
 * id, then new ones as they are stored, until the run's terminal state. Works on every replica:
 * the subscriber's replica reads the table by sequence number, woken at once by {@link RunSignals}
 * when it stored the event itself and otherwise after one poll interval.
 */
@Component
public class RunEventStream {

    private static final int BATCH = 500;

    private final RunStore store;
    private final RunSignals signals;
    private final RunsProperties properties;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    RunEventStream(RunStore store, RunSignals signals, RunsProperties properties) {
        this.store = store;
        this.signals = signals;
        this.properties = properties;
    }

    /**
     * @param tree true for a top-level run: its events and its children's
     * @param after the last sequence number the subscriber has (Last-Event-ID), 0 for all
     */
    public SseEmitter open(UUID orgId, UUID runId, boolean tree, long after) {
        return EventStreams.open(
                executor,
                properties.streamTimeout(),
                orgId,
                "event stream of run " + runId,
                (emitter, open) -> pump(emitter, open, runId, tree, after));
    }

    private void pump(SseEmitter emitter, BooleanSupplier open, UUID runId, boolean tree, long after)
            throws IOException, InterruptedException {
        long last = after;
        while (open.getAsBoolean()) {
            List<StoredEvent> events = store.eventsAfter(runId, tree, last, BATCH);
            for (StoredEvent event : events) {
                emitter.send(SseEmitter.event()
                        .id(Long.toString(event.seq()))
                        .name(event.event())
                        .data(event.data()));
                last = event.seq();
                if (event.terminal() && event.runId().equals(runId)) {
                    emitter.complete();
                    return;
                }
            }
            if (events.isEmpty()) {
                signals.await(properties.eventPollInterval());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
