package io.waddleperf.api.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One audit record. {@code orgId} is null for platform events (e.g. a failed sign-in for an
 * unknown e-mail address), which no organisation sees.
 */
public record AuditEvent(
        UUID id,
        @Nullable UUID orgId,
        @Nullable UUID actorId,
        String actor,
        String action,
        @Nullable String target,
        Outcome outcome,
        @Nullable String ip,
        @Nullable String details,
        Instant createdAt) {

    public enum Outcome {
        SUCCESS,
        FAILURE
    }
}
