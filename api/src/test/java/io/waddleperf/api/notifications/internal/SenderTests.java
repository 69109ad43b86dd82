package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The retry schedule: exponential with jitter, capped, and never past the give-up deadline. */
class SenderTests {

    static final NotificationsProperties DEFAULTS = NotificationsPropertiesFixture.bind(Map.of());
    static final Instant QUEUED = Instant.parse("2026-12-07T10:00:00Z");

    @RepeatedTest(20)
    void backsOffExponentiallyWithJitterUpToTheMaximum() {
        // Defaults: 10 s doubling, at most 1 h; equal jitter takes a random part of the upper half off.
        assertBetween(
                Sender.nextAttempt(DEFAULTS, 1, QUEUED, QUEUED), QUEUED, Duration.ofSeconds(5), Duration.ofSeconds(10));
        Instant later = QUEUED.plusSeconds(100);
        assertBetween(
                Sender.nextAttempt(DEFAULTS, 4, QUEUED, later), later, Duration.ofSeconds(40), Duration.ofSeconds(80));
        Instant muchLater = QUEUED.plus(Duration.ofHours(5));
        assertBetween(
                Sender.nextAttempt(DEFAULTS, 30, QUEUED, muchLater),
                muchLater,
                Duration.ofMinutes(30),
                Duration.ofHours(1));
    }

    @Test
    void triesOnceMoreAtTheDeadlineThenGivesUp() {
        Instant nearlyADay = QUEUED.plus(Duration.ofHours(24)).minusSeconds(2);
        assertThat(Sender.nextAttempt(DEFAULTS, 40, QUEUED, nearlyADay)).isEqualTo(QUEUED.plus(Duration.ofHours(24)));
        assertThat(Sender.nextAttempt(DEFAULTS, 41, QUEUED, QUEUED.plus(Duration.ofHours(24))))
                .isNull();
        assertThat(Sender.nextAttempt(DEFAULTS, 41, QUEUED, QUEUED.plus(Duration.ofHours(30))))
                .isNull();
    }

    @Test
    void aDayOfFailuresTakesDozensOfAttemptsNotThousands() {
        Instant now = QUEUED;
        int attempts = 0;
        Instant next;
        while ((next = Sender.nextAttempt(DEFAULTS, ++attempts, QUEUED, now)) != null) {
            now = next;
        }
        assertThat(attempts).isBetween(25, 60);
    }

    private static void assertBetween(Instant next, Instant from, Duration min, Duration max) {
        assertThat(next).isBetween(from.plus(min), from.plus(max));
    }
}
