package io.waddleperf.api.alerts;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waddleperf.api.notifications.DeliveryAttempt;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An alert with its timeline: its transitions and every attempt to deliver what was said. */
public record AlertDetail(Alert alert, List<Transition> transitions, List<DeliveryAttempt> deliveries) {

    /**
     * One step of the lifecycle.
     *
     * @param kind RAISED, ACKNOWLEDGED or RESOLVED
     * @param actor who did it; null for the rules (raise, automatic resolve)
     * @param notified whether it was queued to be told (false in a maintenance window, or for an
     *     alert raised in one)
     */
    @Schema(name = "AlertTransition")
    public record Transition(
            Instant at, String kind, @Nullable String actor, String detail, boolean notified) {}
}
