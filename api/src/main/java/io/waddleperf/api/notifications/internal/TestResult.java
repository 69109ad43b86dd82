package io.waddleperf.api.notifications.internal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a test send: what the receiver said, whether or not it took the message.
 *
 * @param notificationId the id the receiver saw ({@code webhook-id}, {@code Idempotency-Key})
 * @param statusCode the receiver's HTTP status (250 for an accepted e-mail); null without answer
 */
public record TestResult(
        UUID notificationId,
        boolean delivered,
        @Nullable Integer statusCode,
        long latencyMs,
        @Nullable String error) {}
