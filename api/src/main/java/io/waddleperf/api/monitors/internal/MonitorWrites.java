package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.monitors.Monitor;
import io.waddleperf.api.monitors.Monitor.MonitorSchedule;
import io.waddleperf.api.monitors.MonitorDeleted;
import io.waddleperf.api.shared.database.RetryOnConflict;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores a checked monitor with its first slot, and deletes one with its trends and board rows. */
@Component
public class MonitorWrites {

    private final MonitorStore store;
    private final TrendStore trends;
    private final BoardStore board;
    private final ApplicationEventPublisher events;

    MonitorWrites(MonitorStore store, TrendStore trends, BoardStore board, ApplicationEventPublisher events) {
        this.store = store;
        this.trends = trends;
        this.board = board;
        this.events = events;
    }

    /**
     * Answers false when the monitor is not the organisation's. Its runs and results stay.
     * {@link MonitorDeleted} is published in this transaction, so what listeners do about it (the
     * alerts module resolves the monitor's alerts) commits with the deletion, and a retry after a
     * Galera conflict publishes it again into the new attempt.
     */
    @RetryOnConflict
    @Transactional
    public boolean delete(UUID orgId, Monitor monitor, @Nullable UUID actorUserId, String actorName) {
        if (!store.delete(orgId, monitor.id())) {
            return false;
        }
        trends.deleteMonitor(orgId, monitor.id());
        board.deleteMonitor(orgId, monitor.id());
        events.publishEvent(new MonitorDeleted(orgId, monitor.id(), monitor.name(), actorUserId, actorName));
        return true;
    }

    public Monitor create(UUID orgId, Monitor monitor, Instant now) {
        Instant anchor = anchor(monitor, now);
        Instant next = slots(monitor.schedule(), anchor).firstAtOrAfter(now);
        store.insert(orgId, monitor, anchor, next);
        return shown(monitor, next);
    }

    /**
     * Replaces the settings. The slots stay where they were unless the schedule changed or the
     * monitor is resumed: then they are counted from now, so a resumed monitor does not run a
     * catch-up round for the time it was paused.
     */
    public Optional<Monitor> replace(UUID orgId, MonitorStore.Row existing, Monitor monitor, Instant now) {
        boolean sameRhythm = existing.monitor().schedule().equals(monitor.schedule())
                && existing.monitor().enabled() == monitor.enabled();
        Instant anchor = sameRhythm ? existing.anchorAt() : anchor(monitor, now);
        Instant next = sameRhythm
                ? existing.nextDueAt()
                : slots(monitor.schedule(), anchor).firstAtOrAfter(now);
        if (!store.update(orgId, monitor, anchor, next)) {
            return Optional.empty();
        }
        return Optional.of(shown(monitor, next));
    }

    private static Monitor shown(Monitor monitor, Instant next) {
        return new Monitor(
                monitor.id(),
                monitor.name(),
                monitor.target(),
                monitor.probes(),
                monitor.vantage(),
                monitor.schedule(),
                monitor.activeWindow(),
                monitor.udpEchoPort(),
                monitor.iperfPort(),
                monitor.escalation(),
                monitor.enabled(),
                monitor.createdAt(),
                monitor.updatedAt(),
                monitor.enabled() ? next : null,
                monitor.lastRoundAt());
    }

    private static Instant anchor(Monitor monitor, Instant now) {
        Integer interval = monitor.schedule().intervalSeconds();
        return interval == null ? now : Slots.anchor(monitor.id(), interval, now);
    }

    static Slots slots(MonitorSchedule schedule, Instant anchor) {
        return schedule.intervalSeconds() != null
                ? Slots.every(schedule.intervalSeconds(), anchor)
                : Slots.cron(schedule.cron(), ZoneId.of(schedule.timeZone()));
    }
}
