package io.waddleperf.api.notifications.internal;

import org.jspecify.annotations.Nullable;

/**
 * What one try at a receiver came to.
 *
 * @param statusCode the HTTP status or SMTP reply code; null when no answer came
 */
public record DeliveryResult(
        boolean delivered,
        @Nullable Integer statusCode,
        long latencyMs,
        @Nullable String error) {

    static DeliveryResult failed(@Nullable Integer statusCode, long latencyMs, String error) {
        return new DeliveryResult(false, statusCode, latencyMs, error);
    }
}
