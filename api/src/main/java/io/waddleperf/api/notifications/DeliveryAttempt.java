package io.waddleperf.api.notifications;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One try at handing a notification to a channel's receiver.
 *
 * @param statusCode the receiver's HTTP status (or SMTP reply code); {@code null} when no answer
 *     came (refused, timed out)
 * @param error a short reason when the attempt failed, else {@code null}
 */
public record DeliveryAttempt(
        UUID notificationId,
        UUID channelId,
        String channelName,
        Notification.Kind kind,
        int attempt,
        Instant at,
        boolean delivered,
        @Nullable Integer statusCode,
        long latencyMs,
        @Nullable String error) {}
