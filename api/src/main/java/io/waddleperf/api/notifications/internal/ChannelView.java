package io.waddleperf.api.notifications.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A channel as people see it: never its URL (for Slack, Teams and Discord the URL is the
 * credential) nor its signing secret, which {@code signingSecret} shows once, in the answer to the
 * creation of a webhook channel.
 *
 * @param type {@code webhook}, {@code slack}, {@code teams}, {@code discord} or {@code email}
 * @param target where it sends, without secrets: the URL's scheme, host and port, or the e-mail
 *     recipients
 * @param healthy false once the receiver keeps failing; true again with the next delivery
 */
@Schema(name = "NotificationChannel")
public record ChannelView(
        UUID id,
        String name,
        String type,
        List<String> severities,
        String target,
        List<String> recipients,
        boolean healthy,
        int consecutiveFailures,
        @Nullable Instant failingSince,
        @Nullable String lastError,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant lastDeliveredAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String signingSecret) {

    static ChannelView of(Channel c, @Nullable String signingSecret) {
        Channel.Health h = c.health();
        return new ChannelView(
                c.id(),
                c.name(),
                c.type().wireName(),
                c.severities().stream().sorted().map(Enum::name).toList(),
                c.target(),
                c.recipients(),
                h.healthy(),
                h.consecutiveFailures(),
                h.failingSince(),
                h.lastError(),
                h.lastAttemptAt(),
                h.lastDeliveredAt(),
                c.createdAt(),
                c.updatedAt(),
                signingSecret);
    }
}
