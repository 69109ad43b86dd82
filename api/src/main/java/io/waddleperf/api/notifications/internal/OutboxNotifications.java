package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Notifications;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Notifications} through the outbox: {@link #enqueue} writes one row per routed channel in
 * the caller's transaction, and the sender delivers them later from any replica.
 */
@Service
class OutboxNotifications implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final ChannelStore channels;
    private final OutboxStore outbox;
    private final AttemptStore attempts;
    private final JsonMapper json;
    private final OutboxClock clock;
    private final ApplicationEventPublisher events;

    OutboxNotifications(
            ChannelStore channels,
            OutboxStore outbox,
            AttemptStore attempts,
            JsonMapper json,
            OutboxClock clock,
            ApplicationEventPublisher events) {
        this.channels = channels;
        this.outbox = outbox;
        this.attempts = attempts;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /**
     * MANDATORY: without the caller's transaction the row could commit while the caller's change
     * rolls back (a notification about nothing), or the other way round (a change nobody hears of).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int enqueue(Notification notification) {
        Set<UUID> routed = route(notification);
        if (routed.isEmpty()) {
            return 0;
        }
        Set<UUID> already = outbox.queuedChannels(notification.id());
        String payload = json.writeValueAsString(Payload.of(notification));
        Instant now = clock.now();
        int queued = 0;
        for (UUID channelId : routed) {
            if (already.contains(channelId)) {
                continue;
            }
            outbox.insert(
                    new OutboxStore.Row(
                            notification.id(),
                            channelId,
                            notification.orgId(),
                            notification.subject(),
                            notification.kind(),
                            notification.severity(),
                            payload,
                            0,
                            notification.occurredAt().truncatedTo(ChronoUnit.MICROS),
                            now),
                    now);
            queued++;
        }
        if (queued > 0) {
            events.publishEvent(new SenderWake.Queued());
        }
        return queued;
    }

    /** Explicit channels (those that still exist), else every channel hearing the severity. */
    private Set<UUID> route(Notification notification) {
        if (!notification.channelIds().isEmpty()) {
            Set<UUID> existing = channels.existing(notification.orgId(), notification.channelIds());
            if (existing.size() < notification.channelIds().size()) {
                Set<UUID> gone = new HashSet<>(notification.channelIds());
                gone.removeAll(existing);
                log.warn("Notification {} names channels that no longer exist: {}", notification.id(), gone);
            }
            return existing;
        }
        Set<UUID> routed = new HashSet<>();
        for (Channel channel : channels.list(notification.orgId())) {
            if (channel.severities().contains(notification.severity())) {
                routed.add(channel.id());
            }
        }
        return routed;
    }

    @Override
    public Set<UUID> unknownChannels(UUID orgId, Collection<UUID> channelIds) {
        Set<UUID> unknown = new HashSet<>(channelIds);
        unknown.removeAll(channels.existing(orgId, channelIds));
        return Set.copyOf(unknown);
    }

    @Override
    public List<DeliveryAttempt> attemptsFor(UUID orgId, UUID subject) {
        return attempts.forSubject(orgId, subject);
    }
}
