package io.waddleperf.api.monitors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.api.monitors.Monitor.ActiveWindow;
import io.waddleperf.api.shared.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotsTests {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void jitterIsDeterministicWithinFifteenPercentAndSpreadsMonitorsCreatedTogether() {
        UUID id = Ids.newId();
        assertThat(Slots.jitter(id, 300)).isEqualTo(Slots.jitter(id, 300));
        Set<Long> seconds = new HashSet<>();
        Duration min = Duration.ZERO;
        Duration max = Duration.ZERO;
        for (int i = 0; i < 10_000; i++) {
            Duration jitter = Slots.jitter(Ids.newId(), 300);
            assertThat(jitter.abs()).isLessThanOrEqualTo(Duration.ofSeconds(45));
            seconds.add(Slots.anchor(Ids.newId(), 300, T0).getEpochSecond());
            min = jitter.compareTo(min) < 0 ? jitter : min;
            max = jitter.compareTo(max) > 0 ? jitter : max;
        }
        // 10,000 monitors created in the same instant fire over the whole ±45 s, not on one second.
        assertThat(seconds).hasSizeGreaterThan(85);
        assertThat(min).isLessThan(Duration.ofSeconds(-40));
        assertThat(max).isGreaterThan(Duration.ofSeconds(40));
    }

    @Test
    void intervalSlotsCountFromTheAnchor() {
        Slots slots = Slots.every(30, T0);
        assertThat(slots.firstAtOrAfter(T0)).isEqualTo(T0);
        assertThat(slots.firstAtOrAfter(T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(30));
        assertThat(slots.after(T0)).isEqualTo(T0.plusSeconds(30));
        assertThat(slots.after(T0.plusSeconds(59))).isEqualTo(T0.plusSeconds(60));
        assertThat(slots.after(T0.minusSeconds(100))).isEqualTo(T0);
    }

    @Test
    void aCatchUpCountsTheSlotsThatPassedMeanwhile() {
        Slots slots = Slots.every(30, T0);
        assertThat(slots.missedAfter(T0, T0.plusMillis(200))).isZero();
        assertThat(slots.missedAfter(T0, T0.plusSeconds(30))).isEqualTo(1);
        // Ten minutes with no replica: 20 slots after the one that was due.
        assertThat(slots.missedAfter(T0, T0.plusSeconds(600))).isEqualTo(20);
    }

    @Test
    void cronTakesFiveOrSixFieldsInItsTimeZone() {
        Slots berlin = Slots.cron("30 9 * * MON-FRI", ZoneId.of("Europe/Berlin"));
        // Monday 7 December 2026, 09:30 in Berlin (CET, UTC+1).
        assertThat(berlin.after(T0.minusSeconds(3 * 3600))).isEqualTo(Instant.parse("2026-12-07T08:30:00Z"));
        assertThat(berlin.after(Instant.parse("2026-12-07T08:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-08T08:30:00Z"));
        Slots seconds = Slots.cron("15 */5 * * * *", ZoneId.of("UTC"));
        assertThat(seconds.after(T0)).isEqualTo(T0.plusSeconds(15));
        assertThat(seconds.missedAfter(T0.plusSeconds(15), T0.plusSeconds(15 + 600)))
                .isEqualTo(2);
        assertThatThrownBy(() -> Slots.parseCron("* * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Slots.parseCron("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Slots.shortestGap(Slots.parseCron("*/10 * * * * *"), ZoneId.of("UTC"), T0))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anActiveWindowKeepsItsDaysAndHoursAcrossMidnight() {
        ActiveWindow office = new ActiveWindow(List.of("MONDAY", "TUESDAY"), "09:00", "17:00", "Europe/Berlin");
        assertThat(Slots.active(office, Instant.parse("2026-12-07T08:00:00Z"))).isTrue(); // Mon 09:00
        assertThat(Slots.active(office, Instant.parse("2026-12-07T16:00:00Z"))).isFalse(); // Mon 17:00
        assertThat(Slots.active(office, Instant.parse("2026-12-09T10:00:00Z"))).isFalse(); // Wednesday
        ActiveWindow night = new ActiveWindow(List.of("FRIDAY"), "22:00", "06:00", "UTC");
        assertThat(Slots.active(night, Instant.parse("2026-12-11T23:00:00Z"))).isTrue(); // Fri 23:00
        assertThat(Slots.active(night, Instant.parse("2026-12-12T05:59:00Z"))).isTrue(); // Sat 05:59
        assertThat(Slots.active(night, Instant.parse("2026-12-12T06:00:00Z"))).isFalse();
        assertThat(Slots.active(night, Instant.parse("2026-12-11T05:00:00Z"))).isFalse(); // Fri morning
        assertThat(Slots.active(null, T0)).isTrue();
    }
}
