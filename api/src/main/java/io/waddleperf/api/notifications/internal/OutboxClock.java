package io.waddleperf.api.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outbox's time: when a notification is queued, when it is due, its lease and its back-off.
 * Its own bean (the API's clock by default) so that a test can move the outbox through five
 * minutes of a receiver being down in seconds, while the sender job makes its real attempts,
 * without moving the time of sessions, tokens, rounds or the webhook signatures' timestamps.
 */
record OutboxClock(Clock clock) {

    /** Microseconds, as the DATETIME(6) columns keep them, so what is written compares equal. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
