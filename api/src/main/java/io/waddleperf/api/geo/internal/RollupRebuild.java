package io.waddleperf.api.geo.internal;

import io.waddleperf.api.results.RecordedResults;
import io.waddleperf.api.shared.database.RetryOnConflict;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes rollups: the hourly rows of an hour from the stored results (the backfill for
 * results stored before rollups existed, and a repair), and the quarter-day, daily and weekly rows
 * of a day from its hourly rows. Each step is one short transaction; {@link RollupRebuildJob} drives them.
 */
@Service
class RollupRebuild {

    private final RecordedResults results;
    private final GeoRollups rollups;
    private final RollupStore store;
    private final RollupRevisions revisions;
    private final TransactionTemplate transactions;

    RollupRebuild(
            RecordedResults results,
            GeoRollups rollups,
            RollupStore store,
            RollupRevisions revisions,
            TransactionTemplate transactions) {
        this.results = results;
        this.rollups = rollups;
        this.store = store;
        this.revisions = revisions;
        this.transactions = transactions;
    }

    /**
     * Rebuilds the hourly rows of one hour from its results; returns how many results it read.
     * Deletes before reading: a result committed before the delete is in the read that follows;
     * one committing after it waits for these row locks and adds itself to the rebuilt rows.
     * Reading first could miss a result and delete its contribution. Call with the tenant bound,
     * then {@link #recomputeTiers} for the hour's day.
     */
    @RetryOnConflict
    public int rebuildHour(UUID orgId, Instant hourStart) {
        LocalDateTime hour = LocalDateTime.ofInstant(hourStart, ZoneOffset.UTC);
        Integer read = transactions.execute(status -> {
            store.deleteHour(orgId, hour);
            Map<RollupStore.RebuildKey, RollupStore.Aggregate> rows = new LinkedHashMap<>();
            int[] count = {0};
            results.forEach(orgId, hourStart, hourStart.plus(Duration.ofHours(1)), result -> {
                count[0]++;
                for (RollupStore.Sample s : rollups.samples(result)) {
                    rows.computeIfAbsent(
                                    new RollupStore.RebuildKey(
                                            s.metric(),
                                            s.side(),
                                            s.place().level(),
                                            s.place().key()),
                                    k -> new RollupStore.Aggregate(s.place()))
                            .add(s.value());
                }
            });
            rows.forEach((k, a) -> store.insert(RollupStore.Tier.HOUR, orgId, k.metric(), hour, k.side(), a));
            // Replicas that cached the hour's day read it again (rows first, revision last, as ingest).
            revisions.raise(orgId, hour.toLocalDate());
            return count[0];
        });
        return read == null ? 0 : read;
    }

    /**
     * Replaces the quarter-day rows of {@code day} by the merge of their hourly rows, the daily
     * rows of {@code day} by the merge of its quarter-days, and the weekly rows of its week by the
     * merge of that week's daily rows: one transaction per metric and level, locking hours, then
     * quarter-days, then days, then weeks, as ingest does, and raising the day's revision last.
     */
    @RetryOnConflict
    public void recomputeTiers(UUID orgId, LocalDateTime day) {
        LocalDateTime start = RollupStore.Tier.DAY.floor(day);
        for (Metric metric : Metric.values()) {
            for (Level level : Level.values()) {
                transactions.executeWithoutResult(status -> {
                    for (int quarter = 0; quarter < 4; quarter++) {
                        store.recompute(
                                RollupStore.Tier.QUARTER_DAY, orgId, metric, level, start.plusHours(6L * quarter));
                    }
                    store.recompute(RollupStore.Tier.DAY, orgId, metric, level, start);
                    store.recompute(RollupStore.Tier.WEEK, orgId, metric, level, RollupStore.Tier.WEEK.floor(day));
                    // The day's quarter-days, the day and its week changed: cached spans touching
                    // the day are read again (a weekly span covers the day, so its sum changes).
                    revisions.raise(orgId, start.toLocalDate());
                });
            }
        }
    }
}
