package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.shared.database.RetryOnConflict;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what an attempt came to, each in one short transaction after the send: the outbox row's
 * new state, the attempt in the log and the channel's health move together. Concurrent attempts
 * at one channel update its row, hence the retry on a Galera certification conflict.
 */
@Component
class DeliveryLog {

    static final String LEASE_LOST = "sent after its lease ran out; the delivery is recorded by the replica that"
            + " took it over (the receiver may see this id twice and must drop the repeat)";

    private final OutboxStore outbox;
    private final AttemptStore attempts;
    private final ChannelStore channels;
    private final NotificationsProperties properties;

    DeliveryLog(OutboxStore outbox, AttemptStore attempts, ChannelStore channels, NotificationsProperties properties) {
        this.outbox = outbox;
        this.attempts = attempts;
        this.channels = channels;
        this.properties = properties;
    }

    /**
     * An attempt of a claimed outbox row. On failure {@code next} is when to try again, or null to
     * give up. Answers whether the row was still this sender's to record.
     */
    @Transactional
    @RetryOnConflict
    public boolean outboxAttempt(
            OutboxStore.Row row,
            String token,
            Channel channel,
            DeliveryResult result,
            Instant at,
            @Nullable Instant next) {
        boolean ours;
        if (result.delivered()) {
            ours = outbox.finish(row, token, OutboxStore.DELIVERED, at, null);
        } else if (next == null) {
            ours = outbox.finish(row, token, OutboxStore.GIVEN_UP, at, result.error());
        } else {
            ours = outbox.reschedule(row, token, next, String.valueOf(result.error()));
        }
        DeliveryResult logged = result;
        if (!ours) {
            // Never record one notification delivered twice: only the lease holder's delivery counts.
            logged = DeliveryResult.failed(result.statusCode(), result.latencyMs(), LEASE_LOST);
        }
        attempts.insert(
                row.orgId(),
                row.subject(),
                new DeliveryAttempt(
                        row.notificationId(),
                        channel.id(),
                        channel.name(),
                        row.kind(),
                        row.attempts() + 1,
                        at,
                        logged.delivered(),
                        logged.statusCode(),
                        logged.latencyMs(),
                        logged.error()));
        health(channel, result, at);
        return ours;
    }

    /** A test send: logged like any attempt (without subject), and it counts for the health. */
    @Transactional
    @RetryOnConflict
    public void testAttempt(Channel channel, Payload payload, DeliveryResult result, Instant at) {
        attempts.insert(
                channel.orgId(),
                null,
                new DeliveryAttempt(
                        payload.id(),
                        channel.id(),
                        channel.name(),
                        payload.kind(),
                        1,
                        at,
                        result.delivered(),
                        result.statusCode(),
                        result.latencyMs(),
                        result.error()));
        health(channel, result, at);
    }

    private void health(Channel channel, DeliveryResult result, Instant at) {
        if (result.delivered()) {
            channels.recordDelivered(channel.id(), at);
        } else {
            channels.recordFailed(
                    channel.id(),
                    at,
                    String.valueOf(result.error()),
                    properties.unhealthyAfterFailures(),
                    at.minus(properties.unhealthyAfter()));
        }
    }
}
