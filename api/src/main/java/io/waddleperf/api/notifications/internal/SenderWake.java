package io.waddleperf.api.notifications.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends what was just queued without waiting for the sender job's next pass: right after the
 * transaction that queued a notification commits, a pass runs on this replica. Without it a
 * notification waited up to the job interval plus the cluster scheduler's polling (about 1-2 s)
 * before its first attempt. The cluster job stays the safety net: it retries, takes over what a
 * replica died with, and sends what a wake missed. A wake and the job may run at once; each row is
 * claimed with a lease, so it is sent by one of them.
 *
 * <p>Wakes coalesce: while a pass runs, further commits ask for one more pass, not one each, so a
 * burst of enqueues costs a pass or two.
 */
@Component
class SenderWake {

    /** Published by {@code enqueue} in the caller's transaction when it queued anything. */
    record Queued() {}

    private static final Logger log = LoggerFactory.getLogger(SenderWake.class);

    private final Sender sender;
    private final NotificationsProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean asked = new AtomicBoolean();

    SenderWake(Sender sender, NotificationsProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(Queued queued) {
        if (!properties.wakeOnCommit()) {
            return;
        }
        asked.set(true);
        startIfIdle();
    }

    private void startIfIdle() {
        if (running.compareAndSet(false, true)) {
            // Off the committing thread: the caller (an alert transition, a request) does not wait
            // for receivers.
            Thread.ofVirtual().name("notifications-wake").start(this::passes);
        }
    }

    private void passes() {
        try {
            while (asked.getAndSet(false)) {
                sender.drain();
            }
        } catch (RuntimeException e) {
            // The job's next pass sends it instead.
            log.warn("Sending right after commit failed; the sender job will send it", e);
        } finally {
            running.set(false);
        }
        // Asked between the last check and letting go: nobody else will start a pass for it.
        if (asked.get()) {
            startIfIdle();
        }
    }
}
