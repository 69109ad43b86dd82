package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.GeoProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * The settled part of the period (hours that ended {@link RollupRevisions#SETTLED_AFTER} ago) comes
 * from this replica's {@link HeatmapCache} while its days' revisions are unchanged; only the
 * hours after it are read from the rollup tables on every query.
 */
@Service
public class Heatmaps {

    private final RollupStore store;
    private final GeoProperties properties;
    private final RollupRevisions revisions;
    private final HeatmapCache cache;
    private final Clock clock;

    Heatmaps(RollupStore store, GeoProperties properties, RollupRevisions revisions, HeatmapCache cache, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.revisions = revisions;
        this.cache = cache;
        this.clock = clock;
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

    /** A place's figures added up over rows or cached spans, and their sketches to merge. */
    private static final class Merged {
        final Side side;
        final Place place;
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        // The encoded sketches, merged only once the place is known to have enough samples.
        final List<byte[]> sketches = new ArrayList<>();

        Merged(Side side, Place place) {
            this.side = side;
            this.place = place;
        }

        void add(long count, double min, double max, double sum, byte[] sketch) {
            this.count += count;
            this.min = Math.min(this.min, min);
            this.max = Math.max(this.max, max);
            this.sum += sum;
            sketches.add(sketch);
        }

        /** The sketches merged into {@code merger} (emptied first). */
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
     * whenever it is made. One read-only transaction: the settled spans' revisions, then the spans
     * this replica has not cached under those revisions, then the hours after the settled ones. A
     * place is in {@code bbox} when the centre the heatmap gives it is (its description from its
     * first row of the period).
     */
    @Transactional(readOnly = true)
    public Heatmap query(UUID orgId, HeatmapRequest request) {
        // The clock first: an hour counts as settled only if it was before this query's reads.
        LocalDateTime settled = RollupRevisions.settledBefore(clock.instant());
        LocalDateTime from = hour(request.from());
        LocalDateTime to = hour(request.to());
        LocalDateTime split = settled.isBefore(from) ? from : settled.isAfter(to) ? to : settled;
        Map<Key, Merged> merged = new HashMap<>();
        List<Span> closed = spans(from, split);
        if (!closed.isEmpty()) {
            // Read before the spans (see RollupRevisions.read); not needed when nothing is kept.
            RollupRevisions.Revisions revs =
                    cache.enabled() ? revisions.read(orgId, from, split) : new RollupRevisions.Revisions(Map.of());
            // A cached span holds every side; without a cache the side is filtered by the database.
            Side readSide = cache.enabled() ? null : request.side();
            for (Span span : closed) {
                HeatmapCache.SpanEntry entry = cache.get(
                        new HeatmapCache.SpanKey(
                                orgId, request.metric(), request.level(), span.tier(), span.from(), span.to()),
                        revs.of(span.from(), span.to()),
                        () -> read(orgId, request, span, readSide));
                for (HeatmapCache.PlacePart p : entry.places()) {
                    if (request.side() == null || p.side() == request.side()) {
                        merged.computeIfAbsent(new Key(p.side(), p.place().key()), k -> new Merged(k.side(), p.place()))
                                .add(p.count(), p.min(), p.max(), p.sum(), p.sketch());
                    }
                }
            }
        }
        for (Span span : spans(split, to)) {
            store.rows(
                    span.tier(),
                    orgId,
                    request.metric(),
                    request.level(),
                    span.from(),
                    span.to(),
                    request.side(),
                    row -> {
                        Key key = new Key(row.side(), row.place());
                        Merged m = merged.get(key);
                        if (m == null) {
                            // The place's first row: its description is read here only.
                            m = new Merged(key.side(), row.describe());
                            merged.put(key, m);
                        }
                        m.add(row.count(), row.min(), row.max(), row.sum(), row.sketch());
                    });
        }
        int minSamples = properties.minSamples();
        BoundingBox box = request.bbox();
        Comparator<PlaceStats> worst = Comparator.comparingDouble(PlaceStats::p95);
        if (request.metric().higherIsWorse()) {
            worst = worst.reversed();
        }
        SketchMerger merger = new SketchMerger();
        List<PlaceStats> places = merged.values().stream()
                .filter(m -> m.count >= minSamples)
                .filter(m -> box == null || box.contains(m.place.latitude(), m.place.longitude()))
                .map(m -> stats(request, m, merger))
                .sorted(worst.thenComparing(PlaceStats::name)
                        .thenComparing(PlaceStats::place)
                        .thenComparing(PlaceStats::side))
                .toList();
        return new Heatmap(request, minSamples, places);
    }

    /**
     * A span's rows added up per side and place (of one side when {@code side} is set), each
     * place's sketches merged into one: what the cache keeps, so a later query adds one sketch per
     * place and span instead of one per row.
     */
    private List<HeatmapCache.PlacePart> read(UUID orgId, HeatmapRequest request, Span span, @Nullable Side side) {
        Map<Key, Merged> byPlace = new LinkedHashMap<>();
        store.rows(span.tier(), orgId, request.metric(), request.level(), span.from(), span.to(), side, row -> {
            Key key = new Key(row.side(), row.place());
            Merged m = byPlace.get(key);
            if (m == null) {
                m = new Merged(key.side(), row.describe());
                byPlace.put(key, m);
            }
            m.add(row.count(), row.min(), row.max(), row.sum(), row.sketch());
        });
        SketchMerger merger = new SketchMerger();
        List<HeatmapCache.PlacePart> parts = new ArrayList<>(byPlace.size());
        for (Merged m : byPlace.values()) {
            byte[] sketch = m.sketches.size() == 1
                    ? m.sketches.getFirst()
                    : Sketches.encode(m.merge(merger).sketch());
            parts.add(new HeatmapCache.PlacePart(m.side, m.place, m.count, m.min, m.max, m.sum, sketch));
        }
        return parts;
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
