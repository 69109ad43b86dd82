package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tests.TierProfiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps alert history as long as the results it is about: resolved alerts go once resolved
 * longer ago than tier 1's retention (the rounds' tier), capped by the licence's {@code
 * data_retention_days}, as the results' retention does. Unresolved alerts stay whatever their
 * age. A cluster job, in bounded batches, each its own short transaction.
 */
@Component
class AlertRetention implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(AlertRetention.class);
    private static final int BATCH = 1000;

    private final AlertStore alerts;
    private final TierProfiles tiers;
    private final Licensing licensing;
    private final TransactionTemplate transactions;
    private final AlertsProperties properties;
    private final Clock clock;

    AlertRetention(
            AlertStore alerts,
            TierProfiles tiers,
            Licensing licensing,
            TransactionTemplate transactions,
            AlertsProperties properties,
            Clock clock) {
        this.alerts = alerts;
        this.tiers = tiers;
        this.licensing = licensing;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "alerts-retention";
    }

    @Override
    public Duration interval() {
        return properties.retentionInterval();
    }

    @Override
    public void run() {
        long deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Alert retention deleted {} resolved alert(s)", deleted);
        }
    }

    long purge(Instant now) {
        long deleted = 0;
        for (UUID orgId : TenantContext.asPlatform(alerts::organisationsWithResolved)) {
            Instant cutoff = now.minus(retention(orgId));
            int count;
            do {
                count = TenantContext.as(
                        orgId, () -> transactions.execute(status -> alerts.deleteResolvedBefore(orgId, cutoff, BATCH)));
                deleted += count;
            } while (count == BATCH);
        }
        return deleted;
    }

    /** Tier 1's retention, capped by the licence; an unreadable licence keeps more, not less. */
    Duration retention(UUID orgId) {
        Duration wanted =
                Duration.ofDays(TenantContext.as(orgId, () -> tiers.get(1)).retentionDays());
        try {
            return licensing.capRetention(wanted);
        } catch (RuntimeException e) {
            log.warn("License unreadable ({}); keeping resolved alerts for {}", e.toString(), wanted);
            return wanted;
        }
    }
}
