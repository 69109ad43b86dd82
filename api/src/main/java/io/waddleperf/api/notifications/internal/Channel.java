package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.notifications.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored channel. {@code secret} is the encrypted {@link ChannelSecret} (HTTP channels), never
 * shown; {@code target} is what may be shown of where it sends (a host, or the recipients).
 */
public record Channel(
        UUID id,
        UUID orgId,
        String name,
        ChannelType type,
        Set<Severity> severities,
        String target,
        List<String> recipients,
        @Nullable String secret,
        Health health,
        Instant createdAt,
        Instant updatedAt) {

    public Channel {
        severities = Set.copyOf(severities);
        recipients = List.copyOf(recipients);
    }

    /**
     * Whether the receiver has been taking deliveries: unhealthy after a run of failures, healthy
     * again with the next delivery.
     */
    public record Health(
            boolean healthy,
            int consecutiveFailures,
            @Nullable Instant failingSince,
            @Nullable String lastError,
            @Nullable Instant lastAttemptAt,
            @Nullable Instant lastDeliveredAt) {

        static final Health NEW = new Health(true, 0, null, null, null, null);
    }
}
