package io.waddleperf.api.geo.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * This replica's merged rollups of settled periods: per organisation, metric, level and span (a
 * run of whole periods of one tier, as {@link Heatmaps#spans} cuts a heatmap's period), every
 * place of every side with its count, minimum, maximum, sum and one merged sketch. An entry is
 * used only while the revisions of the days it covers ({@link RollupRevisions}, read from the
 * database by every query) are those it was built under: a late result or a rebuild on any
 * replica raises them, and every replica then reads the span again. Bounded by an estimate of the
 * entries' memory (Caffeine's weight); a size of 0 turns caching off (every span is read).
 */
final class HeatmapCache {

    /** A span of one organisation's rollups of one metric and level. */
    record SpanKey(
            UUID orgId, Metric metric, Level level, RollupStore.Tier tier, LocalDateTime from, LocalDateTime to) {}

    /** One place of one side over a span: its figures and its rows' sketches merged into one. */
    record PlacePart(Side side, Place place, long count, double min, double max, double sum, byte[] sketch) {}

    /** A span's places, as read under {@code revision}. */
    record SpanEntry(long revision, List<PlacePart> places, long weight) {

        static SpanEntry of(long revision, List<PlacePart> places) {
            long weight = 64;
            for (PlacePart p : places) {
                // The part, its place and strings (UTF-16 at worst), the sketch's array.
                weight +=
                        160 + 2L * (p.place().key().length() + p.place().name().length()) + p.sketch().length;
            }
            return new SpanEntry(revision, List.copyOf(places), weight);
        }
    }

    private final @Nullable Cache<SpanKey, SpanEntry> cache;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    /**
     * @param maxBytes the estimated memory the entries may take; 0 caches nothing
     */
    HeatmapCache(long maxBytes, MeterRegistry meters) {
        this.cache = maxBytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher((SpanKey k, SpanEntry e) -> (int) Math.min(Integer.MAX_VALUE, e.weight()))
                        .build();
        this.hits = counter(meters, "hit", "a span's places taken from this replica's cache");
        this.misses = counter(meters, "miss", "a span read from the rollup tables: not cached yet, or evicted");
        this.stale = counter(
                meters, "stale", "a span read again because a late result or a rebuild raised its days' revisions");
        if (cache != null) {
            Gauge.builder(
                            "waddleperf.geo.heatmap.cache.bytes",
                            cache,
                            c -> c.policy()
                                    .eviction()
                                    .map(e -> (double) e.weightedSize().orElse(0))
                                    .orElse(0.0))
                    .description("Estimated memory of the merged rollups this replica caches for heatmaps")
                    .baseUnit("bytes")
                    .register(meters);
        }
    }

    private static Counter counter(MeterRegistry meters, String result, String description) {
        return Counter.builder("waddleperf.geo.heatmap.cache")
                .tag("result", result)
                .description("Spans of settled heatmap periods: " + description)
                .register(meters);
    }

    /** Whether entries are kept; if not, spans are read with the query's own side filter. */
    boolean enabled() {
        return cache != null;
    }

    /**
     * The span's entry if one was built under {@code revision}, else {@code read}'s (kept for the
     * next query). Two queries missing at once both read; the last one's entry stays, and if it was
     * read under an older revision the next query finds it stale and reads again.
     */
    SpanEntry get(SpanKey key, long revision, Supplier<List<PlacePart>> read) {
        if (cache == null) {
            misses.increment();
            return SpanEntry.of(revision, read.get());
        }
        SpanEntry cached = cache.getIfPresent(key);
        if (cached != null && cached.revision() == revision) {
            hits.increment();
            return cached;
        }
        (cached == null ? misses : stale).increment();
        SpanEntry fresh = SpanEntry.of(revision, read.get());
        cache.put(key, fresh);
        return fresh;
    }

    /** Entries held (for tests and the benchmark). */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Drops every entry (for the benchmark's uncached runs). */
    void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
