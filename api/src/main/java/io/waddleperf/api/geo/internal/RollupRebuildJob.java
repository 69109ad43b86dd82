package io.waddleperf.api.geo.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.api.geo.GeoProperties;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works through the queued rollup rebuilds ({@link RollupRebuilds}), oldest first, on one replica
 * at a time. A run works for at most {@code waddleperf.geo.rebuild-slice} and records its
 * progress after every finished hour (or day), so a long backfill is many short runs, other
 * cluster jobs get their turn, and a replica that dies mid-run costs one hour's work. Progress is
 * logged, counted ({@code waddleperf.geo.rebuild.hours}) and shown by
 * {@code GET /api/v1/orgs/{orgId}/heatmap/rebuilds/{id}}.
 */
@Component
class RollupRebuildJob implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(RollupRebuildJob.class);

    private final RollupRebuilds queue;
    private final RollupRebuild rebuild;
    private final GeoProperties properties;
    private final Counter hours;

    RollupRebuildJob(RollupRebuilds queue, RollupRebuild rebuild, GeoProperties properties, MeterRegistry meters) {
        this.queue = queue;
        this.rebuild = rebuild;
        this.properties = properties;
        this.hours = Counter.builder("waddleperf.geo.rebuild.hours")
                .description("Hours of rollups rebuilt by geo-rollup-rebuild")
                .register(meters);
    }

    @Override
    public String name() {
        return "geo-rollup-rebuild";
    }

    @Override
    public Duration interval() {
        return properties.rebuildInterval();
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + properties.rebuildSlice().toNanos();
        while (System.nanoTime() < deadline) {
            RollupRebuilds.Rebuild next = queue.next().orElse(null);
            if (next == null) {
                return;
            }
            step(next);
        }
    }

    /** One hour (results) or one day (tiers) of the rebuild, then its progress. */
    private void step(RollupRebuilds.Rebuild r) {
        Instant hour = r.nextHour();
        LocalDateTime local = LocalDateTime.ofInstant(hour, ZoneOffset.UTC);
        Instant next;
        long read = 0;
        if (r.kind() == RollupRebuilds.Kind.RESULTS) {
            next = hour.plus(Duration.ofHours(1));
            read = TenantContext.as(r.orgId(), () -> rebuild.rebuildHour(r.orgId(), hour));
            LocalDateTime nextLocal = local.plusHours(1);
            if (!next.isBefore(r.to()) || nextLocal.getHour() == 0) {
                // The hour ends its day or the rebuild: the day's and week's rows follow its hours.
                TenantContext.as(r.orgId(), () -> {
                    rebuild.recomputeTiers(r.orgId(), local);
                    return null;
                });
            }
        } else {
            LocalDateTime day = RollupStore.Tier.DAY.floor(local);
            next = day.plusDays(1).toInstant(ZoneOffset.UTC);
            TenantContext.as(r.orgId(), () -> {
                rebuild.recomputeTiers(r.orgId(), day);
                return null;
            });
        }
        if (next.isAfter(r.to())) {
            next = r.to();
        }
        queue.advance(r, next, read);
        long done = Duration.between(hour, next).toHours();
        hours.increment(done);
        long total = r.hoursTotal();
        long finished = Duration.between(r.from(), next).toHours();
        if (!next.isBefore(r.to())) {
            log.info(
                    "Rollup rebuild {} ({} of org {}) done: {} hours, {} results",
                    r.id(),
                    r.kind().name().toLowerCase(java.util.Locale.ROOT),
                    r.orgId(),
                    total,
                    r.resultsRead() + read);
        } else if (finished % 24 == 0) {
            log.info("Rollup rebuild {} of org {}: {}/{} hours", r.id(), r.orgId(), finished, total);
        }
    }
}
