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
 * Recomputes the rollups of a period from the stored results: the backfill for results stored
 * before rollups existed, and a repair. One short transaction per hour, which replaces that
 * hour's rows; a result arriving meanwhile either waits for the hour's row locks and adds to
 * the rebuilt rows, or conflicts and is retried by its owner, so it is counted once.
 */
@Service
public class RollupRebuild {

    private final RecordedResults results;
    private final GeoRollups rollups;
    private final RollupStore store;
    private final TransactionTemplate transactions;

    RollupRebuild(RecordedResults results, GeoRollups rollups, RollupStore store, TransactionTemplate transactions) {
        this.results = results;
        this.rollups = rollups;
        this.store = store;
        this.transactions = transactions;
    }

    /** Rebuilds one hour; returns how many results it read. Call with the tenant bound. */
    @RetryOnConflict
    public int rebuildHour(UUID orgId, Instant hourStart) {
        LocalDateTime hour = LocalDateTime.ofInstant(hourStart, ZoneOffset.UTC);
        Integer read = transactions.execute(status -> {
            // Delete before reading: a result committed before the delete is in the read that
            // follows; one committing after it waits for these row locks and adds itself to the
            // rebuilt rows. Reading first could miss a result and delete its contribution.
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
            rows.forEach((k, a) -> store.insert(orgId, k.metric(), hour, k.side(), a));
            return count[0];
        });
        return read == null ? 0 : read;
    }
}
