package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.Location;
import io.waddleperf.api.results.ResultStored;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the rollups as results arrive: inside the transaction that stores the result, so
 * a result is counted exactly once, or not at all when its transaction rolls back (and then
 * again when its owner retries it).
 */
@Component
class GeoRollups {

    private final VantagePoints vantagePoints;
    private final Places places;
    private final RollupStore store;
    private final RollupRevisions revisions;
    private final Clock clock;

    GeoRollups(VantagePoints vantagePoints, Places places, RollupStore store, RollupRevisions revisions, Clock clock) {
        this.vantagePoints = vantagePoints;
        this.places = places;
        this.store = store;
        this.revisions = revisions;
        this.clock = clock;
    }

    /**
     * A late result (its hour ended {@link RollupRevisions#LATE_AFTER} ago or more) also raises its
     * day's revision, after its rows and in the same transaction, so replicas that cached the
     * settled hour read it again; the clock is read here, at the end of the transaction's work,
     * and again by a retry.
     */
    @EventListener
    void on(ResultStored result) {
        List<RollupStore.Sample> samples = samples(result);
        if (!samples.isEmpty()) {
            LocalDateTime hour = hour(result);
            store.add(result.orgId(), hour, samples);
            if (RollupRevisions.late(hour, clock.instant())) {
                revisions.raise(result.orgId(), hour.toLocalDate());
            }
        }
    }

    /** Every (metric, side, place) figure the result contributes; also what a rebuild adds up. */
    List<RollupStore.Sample> samples(ResultStored result) {
        List<RollupStore.Sample> samples = new ArrayList<>();
        Map<Side, Location> sides = null;
        for (Metric metric : Metric.values()) {
            Double value = metric.of(result);
            if (value == null) {
                continue;
            }
            if (sides == null) {
                sides = vantagePoints.of(result);
            }
            for (Map.Entry<Side, Location> side : sides.entrySet()) {
                for (Place place : places.of(side.getValue())) {
                    samples.add(new RollupStore.Sample(metric, side.getKey(), place, value));
                }
            }
        }
        return samples;
    }

    static LocalDateTime hour(ResultStored result) {
        return LocalDateTime.ofInstant(result.finishedAt().truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC);
    }
}
