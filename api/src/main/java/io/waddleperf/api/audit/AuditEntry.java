package io.waddleperf.api.audit;

import io.waddleperf.api.audit.AuditEvent.Outcome;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a module hands to {@link AuditLog#record}; id, time and IP are filled in by the log. */
public record AuditEntry(
        @Nullable UUID orgId,
        @Nullable UUID actorId,
        String actor,
        String action,
        @Nullable String target,
        Outcome outcome,
        @Nullable String details) {

    public static AuditEntry success(
            @Nullable UUID orgId, @Nullable UUID actorId, String actor, String action, @Nullable String target) {
        return new AuditEntry(orgId, actorId, actor, action, target, Outcome.SUCCESS, null);
    }

    public static AuditEntry failure(
            @Nullable UUID orgId,
            @Nullable UUID actorId,
            String actor,
            String action,
            @Nullable String target,
            String details) {
        return new AuditEntry(orgId, actorId, actor, action, target, Outcome.FAILURE, details);
    }
}
