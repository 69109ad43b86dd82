package io.waddleperf.api.notifications;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What other modules may ask of notifications. */
public interface Notifications {

    /**
     * Queues a notification for delivery: one outbox row per routed channel, written in the
     * caller's transaction (it must run in one), so the notification exists exactly when the
     * caller's change commits. Delivery happens later, on any replica.
     *
     * @return how many channels it was queued for (0 when none is routed)
     */
    int enqueue(Notification notification);

    /** The ids among {@code channelIds} that are not channels of the organisation. */
    Set<UUID> unknownChannels(UUID orgId, Collection<UUID> channelIds);

    /** Every delivery attempt for one subject (an alert), oldest first, for its timeline. */
    List<DeliveryAttempt> attemptsFor(UUID orgId, UUID subject);
}
