package io.waddleperf.api.results.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.results.ResultsDeleted;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tests.TierProfiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes results (with their samples) older than their tier's retention, capped by the
 * license's {@code data_retention_days}; untiered results keep tier 1's retention. A cluster job,
 * so one replica purges each time; each step is a bounded, idempotent DELETE of rows that are
 * expired anyway, in its own short transaction, which also publishes {@link ResultsDeleted} so
 * what else is kept per run (the capture archive) goes with the results.
 */
@Component
class RetentionJob implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ResultStore store;
    private final ResultIngest ingest;
    private final TierProfiles tiers;
    private final Licensing licensing;
    private final TransactionTemplate transactions;
    private final ResultsProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RetentionJob(
            ResultStore store,
            ResultIngest ingest,
            TierProfiles tiers,
            Licensing licensing,
            TransactionTemplate transactions,
            ResultsProperties properties,
            Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.ingest = ingest;
        this.tiers = tiers;
        this.licensing = licensing;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public String name() {
        return "results-retention";
    }

    @Override
    public Duration interval() {
        return properties.retentionInterval();
    }

    @Override
    public void run() {
        long deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Retention deleted {} result(s)", deleted);
        }
    }

    /** Deletes everything expired at {@code now}; answers how many results went. */
    long purge(Instant now) {
        long deleted = 0;
        for (UUID orgId : store.organisations()) {
            for (Integer tier : Arrays.asList(1, 2, 3, null)) {
                Instant cutoff = now.minus(retention(orgId, tier));
                deleted += purge(orgId, tier, cutoff);
            }
        }
        int batch = properties.deleteBatchSize();
        int purged;
        do {
            purged = transactions.execute(status -> ingest.purgeExpiredKeys(now, batch));
        } while (purged == batch);
        return deleted;
    }

    private long purge(UUID orgId, @Nullable Integer tier, Instant cutoff) {
        long deleted = 0;
        int batch = properties.deleteBatchSize();
        while (true) {
            Integer count = transactions.execute(status -> {
                List<UUID> ids = store.expired(orgId, tier, cutoff, batch);
                if (ids.isEmpty()) {
                    return 0;
                }
                events.publishEvent(new ResultsDeleted(orgId, store.runIds(orgId, ids)));
                return store.delete(orgId, ids);
            });
            deleted += count;
            if (count < batch) {
                return deleted;
            }
        }
    }

    /**
     * The tier's retention (untiered: tier 1's), capped by the license. Should the license be
     * unreadable, the tier's own retention applies: deleting less is the safe mistake.
     */
    Duration retention(UUID orgId, @Nullable Integer tier) {
        int effective = tier == null ? 1 : tier;
        Duration wanted = Duration.ofDays(
                TenantContext.as(orgId, () -> tiers.get(effective)).retentionDays());
        try {
            return licensing.capRetention(wanted);
        } catch (RuntimeException e) {
            log.warn("License unreadable ({}); keeping tier {} results for {}", e.toString(), effective, wanted);
            return wanted;
        }
    }
}
