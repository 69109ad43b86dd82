package io.waddleperf.api.runs.internal;

import io.waddleperf.api.runs.internal.RunStore.StoredEvent;
import io.waddleperf.api.shared.tenant.TenantContext;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(RunEventStream.class);
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
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        executor.execute(() -> TenantContext.as(orgId, () -> {
            pump(emitter, open, runId, tree, after);
            return null;
        }));
        return emitter;
    }

    private void pump(SseEmitter emitter, AtomicBoolean open, UUID runId, boolean tree, long after) {
        long last = after;
        try {
            while (open.get()) {
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
        } catch (IOException | IllegalStateException e) {
            // The subscriber went away or the emitter timed out; nothing to clean up but us.
            log.debug("event stream of run {} closed: {}", runId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("event stream of run {} failed", runId, e);
            emitter.completeWithError(e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
