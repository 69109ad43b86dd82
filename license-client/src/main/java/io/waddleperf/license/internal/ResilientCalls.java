package io.waddleperf.license.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.waddleperf.license.LicenseServerUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries with jittered exponential back-off inside a circuit breaker. Only {@link
 * LicenseServerUnavailable} is retried and counts against the breaker: a rejection is a healthy
 * server's answer.
 */
public final class ResilientCalls {

    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;
    private static final int MAX_BACKOFF_FACTOR = 8;

    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Duration openDuration;

    public ResilientCalls(
            int maxAttempts, Duration initialBackoff, int breakerMinimumCalls, Duration openDuration, Clock clock) {
        this.openDuration = openDuration;
        this.retry = Retry.of(
                "license-server",
                RetryConfig.custom()
                        .maxAttempts(maxAttempts)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                initialBackoff, MULTIPLIER, JITTER, initialBackoff.multipliedBy(MAX_BACKOFF_FACTOR)))
                        .retryOnException(LicenseServerUnavailable.class::isInstance)
                        .build());
        this.breaker = CircuitBreaker.of(
                "license-server",
                CircuitBreakerConfig.custom()
                        .slidingWindow(
                                Math.max(10, breakerMinimumCalls),
                                breakerMinimumCalls,
                                CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(openDuration)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(LicenseServerUnavailable.class::isInstance)
                        .clock(clock)
                        .build());
    }

    /**
     * The longest {@link #call} can take: every attempt times out and every back-off draws its
     * maximum jitter.
     */
    public static Duration maxBlocking(int maxAttempts, Duration callTimeout, Duration initialBackoff) {
        Duration total = callTimeout.multipliedBy(maxAttempts);
        Duration cap = initialBackoff.multipliedBy(MAX_BACKOFF_FACTOR);
        Duration backoff = initialBackoff;
        for (int i = 1; i < maxAttempts; i++) {
            Duration capped = backoff.compareTo(cap) > 0 ? cap : backoff;
            total = total.plus(capped.multipliedBy(3).dividedBy(2));
            backoff = backoff.multipliedBy((long) MULTIPLIER);
        }
        return total;
    }

    public <T> T call(Supplier<T> attempt) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt))
                    .get();
        } catch (CallNotPermittedException e) {
            throw new LicenseServerUnavailable(
                    "not calling the license server: its circuit breaker opened after repeated failures"
                            + " and lets a trial call through "
                            + openDuration + " after opening",
                    e);
        }
    }

    /** CLOSED, OPEN, HALF_OPEN, … as resilience4j names them. */
    public String circuitState() {
        return breaker.getState().name();
    }
}
