package io.waddleperf.api.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One thing to tell an organisation's channels.
 *
 * @param id the idempotency key: receivers see it as {@code webhook-id} (or its equivalent), and
 *     the same id is never delivered twice to one channel, even when a replica dies mid-send
 * @param subject the alert (or group) it is about, so deliveries keep their order per subject and
 *     the alert's timeline can list them; {@code null} for a test notification
 * @param channelIds the channels the caller routes to; empty means every channel of the
 *     organisation whose severities include {@code severity}
 * @param link a path in the web UI such as {@code /alerts/<id>}, made absolute by the sender
 */
public record Notification(
        UUID id,
        UUID orgId,
        Kind kind,
        Severity severity,
        @Nullable UUID subject,
        String title,
        String text,
        List<Field> fields,
        @Nullable String link,
        Instant occurredAt,
        Set<UUID> channelIds) {

    public Notification {
        fields = List.copyOf(fields);
        channelIds = Set.copyOf(channelIds);
    }

    public enum Kind {
        RAISED,
        ACKNOWLEDGED,
        RESOLVED,
        /** Many alerts opened within a minute: one message lists them (storm protection). */
        GROUP_RAISED,
        /** The summary when a group's alerts have all cleared. */
        GROUP_RESOLVED,
        TEST
    }

    /** A labelled value shown as a Slack field, a Teams fact, a Discord embed field, a line. */
    public record Field(String name, String value) {}
}
