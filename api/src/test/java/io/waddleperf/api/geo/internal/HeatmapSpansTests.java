package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.geo.internal.Heatmaps.Span;
import io.waddleperf.api.geo.internal.RollupStore.Tier;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How a period is cut into rows of the four tiers: exactly, and with as few rows as they allow. */
class HeatmapSpansTests {

    @Test
    void aSevenDayPeriodEndingAt04ReadsQuarterDaysAndDaysBetweenAFewHours() {
        // 2026-11-30 is a Monday; the period is not a whole week, so no weekly rows.
        List<Span> spans =
                Heatmaps.spans(LocalDateTime.parse("2026-11-30T04:00"), LocalDateTime.parse("2026-12-07T04:00"));
        assertThat(spans)
                .containsExactly(
                        new Span(
                                Tier.HOUR,
                                LocalDateTime.parse("2026-11-30T04:00"),
                                LocalDateTime.parse("2026-11-30T06:00")),
                        new Span(
                                Tier.QUARTER_DAY,
                                LocalDateTime.parse("2026-11-30T06:00"),
                                LocalDateTime.parse("2026-12-01T00:00")),
                        new Span(
                                Tier.DAY,
                                LocalDateTime.parse("2026-12-01T00:00"),
                                LocalDateTime.parse("2026-12-07T00:00")),
                        new Span(
                                Tier.HOUR,
                                LocalDateTime.parse("2026-12-07T00:00"),
                                LocalDateTime.parse("2026-12-07T04:00")));
        assertThat(rowsPerPlace(spans)).isEqualTo(2 + 3 + 6 + 4);
    }

    @Test
    void anyPeriodIsCoveredExactlyOnceWithAtMostTheBoundedNumberOfRows() {
        SplittableRandom random = new SplittableRandom(7);
        LocalDateTime origin = LocalDateTime.parse("2026-01-01T00:00");
        for (int i = 0; i < 5000; i++) {
            LocalDateTime from = origin.plusHours(random.nextInt(24 * 120));
            LocalDateTime to = from.plusHours(1 + random.nextInt(24 * 100));
            List<Span> spans = Heatmaps.spans(from, to);
            LocalDateTime at = from;
            for (Span span : spans) {
                // Contiguous, in order, and each span made of whole periods of its tier.
                assertThat(span.from()).isEqualTo(at);
                assertThat(span.tier().floor(span.from())).isEqualTo(span.from());
                assertThat(span.tier().floor(span.to())).isEqualTo(span.to());
                at = span.to();
            }
            assertThat(at).isEqualTo(to);
            long weeks = spans.stream()
                    .filter(s -> s.tier() == Tier.WEEK)
                    .mapToLong(s -> java.time.Duration.between(s.from(), s.to()).toDays() / 7)
                    .sum();
            // At most 5 + 5 hours, 3 + 3 quarter-days, 6 + 6 days, and the weeks between.
            assertThat(rowsPerPlace(spans)).as(from + " to " + to).isLessThanOrEqualTo(10 + 6 + 12 + weeks);
        }
    }

    private static long rowsPerPlace(List<Span> spans) {
        long rows = 0;
        for (Span span : spans) {
            for (LocalDateTime t = span.from();
                    t.isBefore(span.to());
                    t = span.tier().next(t)) {
                rows++;
            }
        }
        return rows;
    }
}
