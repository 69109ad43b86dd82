package io.waddleperf.api.geo.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.waddleperf.api.geo.GeoProperties;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Heatmap figures for a period, from the hourly rollups only: counts, minimum and maximum add up
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
        final RollupStore.Row first;
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        final DDSketch sketch = Sketches.empty();

        Merged(RollupStore.Row first) {
            this.first = first;
        }
    }

    private record Key(Side side, String place) {}

    /**
     * Places with at least the configured minimum of samples, worst first (highest p95 where
     * higher is worse, lowest where lower is), ties by name, so a report of a period is the same
     * whenever it is made.
     */
    public Heatmap query(UUID orgId, HeatmapRequest request) {
        Map<Key, Merged> merged = new HashMap<>();
        store.scan(
                orgId,
                request.metric(),
                request.level(),
                hour(request.from()),
                hour(request.to()),
                request.side(),
                request.bbox(),
                row -> {
                    Merged m = merged.computeIfAbsent(new Key(row.side(), row.place()), k -> new Merged(row));
                    m.count += row.count();
                    m.min = Math.min(m.min, row.min());
                    m.max = Math.max(m.max, row.max());
                    m.sum += row.sum();
                    Sketches.mergeInto(m.sketch, row.sketch());
                });
        int minSamples = properties.minSamples();
        Comparator<PlaceStats> worst = Comparator.comparingDouble(PlaceStats::p95);
        if (request.metric().higherIsWorse()) {
            worst = worst.reversed();
        }
        List<PlaceStats> places = merged.values().stream()
                .filter(m -> m.count >= minSamples)
                .map(m -> new PlaceStats(
                        m.first.side(),
                        request.level(),
                        m.first.place(),
                        m.first.countryCode(),
                        m.first.name(),
                        m.first.latitude(),
                        m.first.longitude(),
                        m.count,
                        m.min,
                        m.max,
                        m.sum / m.count,
                        m.sketch.getValueAtQuantile(0.5),
                        m.sketch.getValueAtQuantile(0.95)))
                .sorted(worst.thenComparing(PlaceStats::name)
                        .thenComparing(PlaceStats::place)
                        .thenComparing(PlaceStats::side))
                .toList();
        return new Heatmap(request, minSamples, places);
    }

    private static LocalDateTime hour(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
