package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.GeoProperties;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Heatmap figures for a period, from the rollups only (weekly, daily and quarter-day rows for the
 * whole periods inside it, hourly rows for the hours left at the edges): counts, minimum and maximum add up
 * exactly, percentiles come from the merged sketches (within {@link Sketches#RELATIVE_ACCURACY}).
 */
@Service
public class Heatmaps {

    private final RollupStore store;
    private final GeoProperties properties;

    Heatmaps(RollupStore store, GeoProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** One place of one side over the period. */
    public record PlaceStats(
            Side side,
            Level level,
            String place,
            String countryCode,
            String name,
            @Nullable Double latitude,
            @Nullable Double longitude,
            long count,
            double min,
            double max,
            double mean,
            double p50,
            double p95) {}

    public record Heatmap(HeatmapRequest request, int minSamples, List<PlaceStats> places) {}

    private static final class Merged {
        final Side side;
        final Place place;
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        // The rows' encoded sketches, decoded only once the place is known to have enough samples.
        final List<byte[]> sketches = new ArrayList<>();

        Merged(Side side, Place place) {
            this.side = side;
            this.place = place;
        }

        /** The rows' sketches merged into the query's one merger (emptied first). */
        SketchMerger merge(SketchMerger merger) {
            merger.clear();
            for (byte[] encoded : sketches) {
                merger.add(encoded);
            }
            return merger;
        }
    }

    private record Key(Side side, String place) {}

    /**
     * Places with at least the configured minimum of samples, worst first (highest p95 where
     * higher is worse, lowest where lower is), ties by name, so a report of a period is the same
     * whenever it is made. One read-only transaction (one snapshot); each rollup row of the period
     * is read once, in primary-key order, and only the sketches of places shown are decoded.
     */
    @Transactional(readOnly = true)
    public Heatmap query(UUID orgId, HeatmapRequest request) {
        Map<Key, Merged> merged = new HashMap<>();
        for (Span span : spans(hour(request.from()), hour(request.to()))) {
            store.rows(
                    span.tier(),
                    orgId,
                    request.metric(),
                    request.level(),
                    span.from(),
                    span.to(),
                    request.side(),
                    request.bbox(),
                    row -> {
                        Key key = new Key(row.side(), row.place());
                        Merged m = merged.get(key);
                        if (m == null) {
                            // The place's first row: its description is read here only.
                            m = new Merged(key.side(), row.describe());
                            merged.put(key, m);
                        }
                        m.count += row.count();
                        m.min = Math.min(m.min, row.min());
                        m.max = Math.max(m.max, row.max());
                        m.sum += row.sum();
                        m.sketches.add(row.sketch());
                    });
        }
        int minSamples = properties.minSamples();
        Comparator<PlaceStats> worst = Comparator.comparingDouble(PlaceStats::p95);
        if (request.metric().higherIsWorse()) {
            worst = worst.reversed();
        }
        SketchMerger merger = new SketchMerger();
        List<PlaceStats> places = merged.values().stream()
                .filter(m -> m.count >= minSamples)
                .map(m -> stats(request, m, merger))
                .sorted(worst.thenComparing(PlaceStats::name)
                        .thenComparing(PlaceStats::place)
                        .thenComparing(PlaceStats::side))
                .toList();
        return new Heatmap(request, minSamples, places);
    }

    private static PlaceStats stats(HeatmapRequest request, Merged m, SketchMerger merger) {
        SketchMerger sketch = m.merge(merger);
        return new PlaceStats(
                m.side,
                request.level(),
                m.place.key(),
                m.place.countryCode(),
                m.place.name(),
                m.place.latitude(),
                m.place.longitude(),
                m.count,
                m.min,
                m.max,
                m.sum / m.count,
                sketch.quantile(0.5),
                sketch.quantile(0.95));
    }

    /** Part of a period read from one tier: whole periods of that tier. */
    record Span(RollupStore.Tier tier, LocalDateTime from, LocalDateTime to) {}

    /**
     * [from, to) (whole hours) as few rows as the tiers allow: whole weeks from the weekly rows,
     * the whole days around them from the daily rows, the whole quarter-days around those from the
     * quarter-day rows, and the hours at either end from the hourly rows. At most 5 + 5 hours,
     * 3 + 3 quarter-days, 6 + 6 days and the weeks between.
     */
    static List<Span> spans(LocalDateTime from, LocalDateTime to) {
        List<Span> spans = new ArrayList<>(5);
        split(RollupStore.Tier.WEEK, from, to, spans);
        return spans;
    }

    private static void split(RollupStore.Tier tier, LocalDateTime from, LocalDateTime to, List<Span> spans) {
        if (!from.isBefore(to)) {
            return;
        }
        if (tier == RollupStore.Tier.HOUR) {
            spans.add(new Span(tier, from, to));
            return;
        }
        RollupStore.Tier below = tier.below();
        LocalDateTime first = tier.ceil(from);
        LocalDateTime last = tier.floor(to);
        if (!first.isBefore(last)) {
            split(below, from, to, spans);
            return;
        }
        split(below, from, first, spans);
        spans.add(new Span(tier, first, last));
        split(below, last, to, spans);
    }

    private static LocalDateTime hour(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
