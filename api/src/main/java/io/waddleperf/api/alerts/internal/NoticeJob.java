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
 * organisation whose oldest pending notice has waited {@code notice-hold} is flushed (one
 * transaction each). The hold is what lets a storm be seen as one: everything that happened
 * within it is decided together.
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
        for (UUID orgId : notices.organisationsDue(now.minus(properties.noticeHold()))) {
            try {
                flush.flush(orgId, now);
            } catch (RuntimeException e) {
                // One organisation's trouble must not hold back the others' notifications.
                log.warn("Could not tell the alerts of organisation {}: {}", orgId, e.toString());
            }
        }
    }
}
