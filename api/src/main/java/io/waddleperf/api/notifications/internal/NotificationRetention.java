package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.shared.scheduling.ClusterJob;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tests.TierProfile;
import io.waddleperf.api.tests.TierProfiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes delivery attempts and ended outbox rows with the results' retention: an organisation
 * keeps them as long as its longest-kept tier keeps results (tier profiles' {@code retentionDays},
 * already capped by the license when set), so an alert's timeline lives as long as the results it
 * is about. A cluster job; each step is a bounded DELETE in its own short transaction (autocommit).
 */
@Component
class NotificationRetention implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(NotificationRetention.class);
    private static final int BATCH = 1000;

    private final AttemptStore attempts;
    private final OutboxStore outbox;
    private final TierProfiles tiers;
    private final NotificationsProperties properties;
    private final Clock clock;

    NotificationRetention(
            AttemptStore attempts,
            OutboxStore outbox,
            TierProfiles tiers,
            NotificationsProperties properties,
            Clock clock) {
        this.attempts = attempts;
        this.outbox = outbox;
        this.tiers = tiers;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "notifications-retention";
    }

    @Override
    public Duration interval() {
        return properties.retentionInterval();
    }

    @Override
    public void run() {
        long deleted = purge(clock.instant());
        if (deleted > 0) {
            log.info("Notification retention deleted {} row(s)", deleted);
        }
    }

    /** Deletes what expired at {@code now}; answers how many rows went. */
    long purge(Instant now) {
        long deleted = 0;
        for (UUID orgId : attempts.organisations()) {
            Instant cutoff = now.minus(retention(orgId));
            int count;
            do {
                count = attempts.purge(orgId, cutoff, BATCH);
                deleted += count;
            } while (count == BATCH);
            do {
                count = outbox.purge(orgId, cutoff, BATCH);
                deleted += count;
            } while (count == BATCH);
        }
        return deleted;
    }

    Duration retention(UUID orgId) {
        int days = TenantContext.as(
                orgId,
                () -> tiers.all().stream()
                        .mapToInt(TierProfile::retentionDays)
                        .max()
                        .orElse(30));
        return Duration.ofDays(days);
    }
}
