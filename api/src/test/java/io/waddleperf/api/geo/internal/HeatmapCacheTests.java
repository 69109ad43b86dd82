package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The heatmap's span cache on its own: an entry serves while its revision is the one asked for,
 * is read again when that changed, nothing is kept with a size of 0, and the entries' estimated
 * memory stays within the bound. Also the time rules that decide what may be cached and what is
 * late, the revision fingerprint of a span, and the bounding box test the heatmap now applies to
 * places.
 */
class HeatmapCacheTests {

    private static final UUID ORG = UUID.randomUUID();

    private static HeatmapCache.SpanKey key(int day) {
        LocalDateTime from = LocalDateTime.parse("2026-11-01T00:00").plusDays(day);
        return new HeatmapCache.SpanKey(ORG, Metric.LATENCY, Level.CITY, RollupStore.Tier.DAY, from, from.plusDays(1));
    }

    /** {@code n} places with sketches of {@code bytes} bytes each. */
    private static List<HeatmapCache.PlacePart> parts(int n, int bytes) {
        List<HeatmapCache.PlacePart> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Place place = new Place(Level.CITY, "DE||City " + i, "DE", "City " + i + ", DE", 50.0, 8.0 + i);
            parts.add(new HeatmapCache.PlacePart(Side.CLIENT, place, 10, 1, 9, 50, new byte[bytes]));
        }
        return parts;
    }

    private static double count(MeterRegistry meters, String result) {
        return meters.get("waddleperf.geo.heatmap.cache")
                .tag("result", result)
                .counter()
                .count();
    }

    @Test
    void anEntryServesWhileItsRevisionHoldsAndIsReadAgainWhenItChanged() {
        MeterRegistry meters = new SimpleMeterRegistry();
        HeatmapCache cache = new HeatmapCache(1 << 20, meters);
        AtomicInteger reads = new AtomicInteger();

        HeatmapCache.SpanEntry first = cache.get(key(0), 3, () -> {
            reads.incrementAndGet();
            return parts(2, 100);
        });
        HeatmapCache.SpanEntry again = cache.get(key(0), 3, () -> {
            reads.incrementAndGet();
            return parts(5, 100);
        });
        assertThat(reads).hasValue(1);
        assertThat(again).isSameAs(first);
        assertThat(again.places()).hasSize(2);
        assertThat(again.revision()).isEqualTo(3);

        // A late result raised a day of the span: the entry is read again and replaced.
        HeatmapCache.SpanEntry raised = cache.get(key(0), 4, () -> {
            reads.incrementAndGet();
            return parts(5, 100);
        });
        assertThat(reads).hasValue(2);
        assertThat(raised.places()).hasSize(5);
        assertThat(cache.get(key(0), 4, List::of)).isSameAs(raised);
        // Another span is another entry.
        assertThat(cache.get(key(1), 4, () -> parts(1, 10)).places()).hasSize(1);

        assertThat(count(meters, "miss")).isEqualTo(2);
        assertThat(count(meters, "stale")).isEqualTo(1);
        assertThat(count(meters, "hit")).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(meters.get("waddleperf.geo.heatmap.cache.bytes").gauge().value())
                .isEqualTo((double) raised.weight()
                        + cache.get(key(1), 4, List::of).weight());
    }

    @Test
    void aSizeOfZeroReadsEverySpanAndKeepsNothing() {
        MeterRegistry meters = new SimpleMeterRegistry();
        HeatmapCache cache = new HeatmapCache(0, meters);
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.get(key(0), 1, () -> {
                reads.incrementAndGet();
                return parts(1, 10);
            });
        }
        assertThat(cache.enabled()).isFalse();
        assertThat(reads).hasValue(3);
        assertThat(cache.size()).isZero();
        assertThat(count(meters, "miss")).isEqualTo(3);
        assertThat(count(meters, "hit")).isZero();
    }

    @Test
    void theEntriesStayWithinTheBound() {
        long bound = 200_000;
        HeatmapCache cache = new HeatmapCache(bound, new SimpleMeterRegistry());
        long weight = 0;
        for (int day = 0; day < 40; day++) {
            weight = cache.get(key(day), 0, () -> parts(20, 400)).weight();
        }
        // Each entry weighs its sketches and some per place: 20 places of 400 bytes, over 8 KB.
        assertThat(weight).isGreaterThan(20L * 400);
        assertThat(cache.size()).isLessThanOrEqualTo(bound / weight).isPositive();
        cache.clear();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anHourIsLateFiveMinutesAfterItsEndAndSettledFifteen() {
        LocalDateTime hour = LocalDateTime.parse("2026-12-07T09:00");
        assertThat(RollupRevisions.late(hour, Instant.parse("2026-12-07T09:59:59Z")))
                .isFalse();
        assertThat(RollupRevisions.late(hour, Instant.parse("2026-12-07T10:04:59Z")))
                .isFalse();
        assertThat(RollupRevisions.late(hour, Instant.parse("2026-12-07T10:05:00Z")))
                .isTrue();
        assertThat(RollupRevisions.late(hour, Instant.parse("2026-12-09T00:00:00Z")))
                .isTrue();

        assertThat(RollupRevisions.settledBefore(Instant.parse("2026-12-07T10:14:59Z")))
                .isEqualTo(LocalDateTime.parse("2026-12-07T09:00"));
        assertThat(RollupRevisions.settledBefore(Instant.parse("2026-12-07T10:15:00Z")))
                .isEqualTo(LocalDateTime.parse("2026-12-07T10:00"));
        // What may be cached ends well after what counts as late: a result in time commits first.
        assertThat(RollupRevisions.SETTLED_AFTER).isGreaterThan(RollupRevisions.LATE_AFTER.multipliedBy(2));
    }

    @Test
    void aSpansFingerprintSumsTheRevisionsOfTheDaysItTouches() {
        LocalDate d = LocalDate.parse("2026-12-01");
        RollupRevisions.Revisions revisions = new RollupRevisions.Revisions(
                Map.of(d.minusDays(1), 100L, d, 1L, d.plusDays(1), 10L, d.plusDays(2), 1000L));
        LocalDateTime midnight = d.atStartOfDay();
        assertThat(revisions.of(midnight, midnight.plusDays(1))).isEqualTo(1);
        assertThat(revisions.of(midnight.plusHours(22), midnight.plusDays(1).plusHours(1)))
                .isEqualTo(11);
        assertThat(revisions.of(midnight, midnight.plusDays(3))).isEqualTo(1011);
        assertThat(revisions.of(midnight.plusHours(5), midnight.plusHours(6))).isEqualTo(1);
        // Days never raised count 0.
        assertThat(revisions.of(midnight.plusDays(5), midnight.plusDays(7))).isZero();
    }

    @Test
    void aBoundingBoxHoldsItsEdgesAndCrossesTheAntimeridian() {
        BoundingBox europe = new BoundingBox(-10, 35, 30, 60);
        assertThat(europe.contains(50.0, 8.0)).isTrue();
        assertThat(europe.contains(35.0, -10.0)).isTrue();
        assertThat(europe.contains(60.0, 30.0)).isTrue();
        assertThat(europe.contains(60.01, 8.0)).isFalse();
        assertThat(europe.contains(50.0, 30.01)).isFalse();
        assertThat(europe.contains(null, null)).isFalse();
        BoundingBox pacific = new BoundingBox(170, -50, -170, 0);
        assertThat(pacific.contains(-20.0, 178.0)).isTrue();
        assertThat(pacific.contains(-20.0, -175.0)).isTrue();
        assertThat(pacific.contains(-20.0, 0.0)).isFalse();
    }
}
