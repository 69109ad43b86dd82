package io.waddleperf.api.notifications.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a test send: what the receiver said, whether or not it took the message.
 *
 * @param notificationId the id the receiver saw ({@code webhook-id}, {@code Idempotency-Key})
 * @param statusCode the receiver's HTTP status (250 for an accepted e-mail); null without answer
 */
@Schema(name = "ChannelTestResult")
public record TestResult(
        UUID notificationId,
        boolean delivered,
        @Nullable Integer statusCode,
        long latencyMs,
        @Nullable String error) {}
