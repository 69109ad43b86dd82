package io.waddleperf.api.sessions.internal;

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
 * Deletes iperf3 sessions kept longer than results without a tier are (tier 1's retention, capped
 * by the license's {@code data_retention_days}), and live points of sessions that never sent
 * their final report. A cluster job; each step is a bounded DELETE of expired rows in its own short
 * transaction, so it is idempotent and never holds many locks on Galera.
 */
@Component
class SessionRetentionJob implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(SessionRetentionJob.class);
    static final int BATCH = 1000;
    /** A running test posts a point a second; an hour of silence means it is gone. */
    static final Duration STALE_POINTS = Duration.ofHours(1);

    private final SessionStore store;
    private final TierProfiles tiers;
    private final Licensing licensing;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SessionRetentionJob(
            SessionStore store,
            TierProfiles tiers,
            Licensing licensing,
            TransactionTemplate transactions,
            Clock clock) {
        this.store = store;
        this.tiers = tiers;
        this.licensing = licensing;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "iperf-sessions-retention";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        long deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Retention deleted {} iperf3 session(s)", deleted);
        }
    }

    long purge(Instant now) {
        long deleted = 0;
        for (UUID orgId : store.organisations()) {
            Instant cutoff = now.minus(retention(orgId));
            int count;
            do {
                count = transactions.execute(status -> store.deleteExpired(orgId, cutoff, BATCH));
                deleted += count;
            } while (count == BATCH);
            int links;
            do {
                links = transactions.execute(status -> store.deleteExpiredRunLinks(orgId, cutoff, BATCH));
            } while (links == BATCH);
        }
        Instant stale = now.minus(STALE_POINTS);
        int points;
        do {
            points = transactions.execute(status -> store.deleteStalePoints(stale, BATCH));
        } while (points == BATCH);
        return deleted;
    }

    /** Tier 1's retention, capped by the license; should the license be unreadable, deleting less is the safe mistake. */
    Duration retention(UUID orgId) {
        Duration wanted =
                Duration.ofDays(TenantContext.as(orgId, () -> tiers.get(1)).retentionDays());
        try {
            return licensing.capRetention(wanted);
        } catch (RuntimeException e) {
            log.warn("License unreadable ({}); keeping iperf3 sessions for {}", e.toString(), wanted);
            return wanted;
        }
    }
}
