package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cluster job that tells pending alert transitions: every {@code notice-interval}, each
 * organisation whose oldest pending notice has waited {@code notice-hold}, and whose newest has
 * waited {@code notice-quiet} (or whose oldest has waited {@code notice-max-hold}), is flushed
 * (one transaction each). The hold and the quiet gap let a storm be seen as one: a burst of
 * transitions is decided together once it pauses, and never waits longer than the maximum.
 */
@Component
class NoticeJob implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(NoticeJob.class);

    private final NoticeStore notices;
    private final NoticeFlush flush;
    private final AlertsProperties properties;
    private final Clock clock;

    NoticeJob(NoticeStore notices, NoticeFlush flush, AlertsProperties properties, Clock clock) {
        this.notices = notices;
        this.flush = flush;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "alerts-notices";
    }

    @Override
    public Duration interval() {
        return properties.noticeInterval();
    }

    @Override
    public void run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (UUID orgId : notices.organisationsDue(
                now.minus(properties.noticeHold()),
                now.minus(properties.noticeQuiet()),
                now.minus(properties.noticeMaxHold()))) {
            try {
                flush.flush(orgId, now);
            } catch (RuntimeException e) {
                // One organisation's trouble must not hold back the others' notifications.
                log.warn("Could not tell the alerts of organisation {}: {}", orgId, e.toString());
            }
        }
    }
}
