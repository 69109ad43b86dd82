package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A notification as the outbox keeps it (JSON in {@code payload}): everything but its routing. */
record Payload(
        UUID id,
        UUID orgId,
        Notification.Kind kind,
        Severity severity,
        @Nullable UUID subject,
        String title,
        String text,
        List<Notification.Field> fields,
        @Nullable String link,
        Instant occurredAt) {

    static Payload of(Notification n) {
        return new Payload(
                n.id(),
                n.orgId(),
                n.kind(),
                n.severity(),
                n.subject(),
                n.title(),
                n.text(),
                n.fields(),
                n.link(),
                n.occurredAt());
    }

    Notification notification() {
        return new Notification(id, orgId, kind, severity, subject, title, text, fields, link, occurredAt, Set.of());
    }
}
