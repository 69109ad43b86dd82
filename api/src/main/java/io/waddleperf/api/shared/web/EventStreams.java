package io.waddleperf.api.shared.web;

import io.waddleperf.api.shared.tenant.TenantContext;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A server-sent event stream fed by a thread of its own: the emitter, whether the subscriber is
 * still there, the organisation bound for the pump's reads, and how the pump's end is handled.
 * A subscriber going away (a failed write, a timeout) ends the pump quietly; anything else ends
 * the stream with an error.
 */
public final class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    /** Writes events until the stream should end; {@code open} turns false when the subscriber left. */
    @FunctionalInterface
    public interface Pump {
        void run(SseEmitter emitter, BooleanSupplier open) throws IOException, InterruptedException;
    }

    private EventStreams() {}

    /** Opens a stream of {@code timeout} whose events {@code pump} writes on {@code executor}. */
    public static SseEmitter open(Executor executor, Duration timeout, UUID orgId, String what, Pump pump) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        executor.execute(() -> TenantContext.as(orgId, () -> {
            try {
                pump.run(emitter, open::get);
            } catch (IOException | IllegalStateException e) {
                // The subscriber went away or the emitter timed out; nothing to clean up but us.
                log.debug("{} closed: {}", what, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } catch (RuntimeException e) {
                log.warn("{} failed", what, e);
                emitter.completeWithError(e);
            }
            return null;
        }));
        return emitter;
    }
}
