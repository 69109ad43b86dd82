package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes trend buckets past their retention: 5-minute ones after
 * {@code waddleperf.monitors.fine-retention} (the 24 h view's), 1-hour ones after
 * {@code coarse-retention} (the 7 and 30 day views'). A cluster job, in short batches (one Galera
 * write set each).
 */
@Component
class TrendRetention implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(TrendRetention.class);
    private static final int BATCH = 2000;

    private final TrendStore store;
    private final TransactionTemplate transactions;
    private final MonitorsProperties properties;
    private final Clock clock;

    TrendRetention(TrendStore store, TransactionTemplate transactions, MonitorsProperties properties, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "monitors-trend-retention";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        long deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Trend retention deleted {} bucket(s)", deleted);
        }
    }

    long purge(Instant now) {
        return purge(TrendStore.FINE, now.minus(properties.fineRetention()))
                + purge(TrendStore.COARSE, now.minus(properties.coarseRetention()));
    }

    private long purge(int size, Instant before) {
        long deleted = 0;
        while (true) {
            Integer count = transactions.execute(status -> store.purge(size, before, BATCH));
            deleted += count;
            if (count < BATCH) {
                return deleted;
            }
        }
    }
}
