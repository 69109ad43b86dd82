package io.waddleperf.license;

/**
 * How a {@link LicenseClient} answered its callers since it was built.
 *
 * @param requestsSent HTTP requests that reached the wire, retries included
 * @param cacheHits answers served from the cache without asking the server
 * @param coalescedCallers callers that waited for another caller's request instead of sending one
 * @param graceAnswers answers that were the last good answer standing in for an unavailable server
 *     (whether served from the cache or after a failed request)
 * @param circuitState the circuit breaker's state: CLOSED, OPEN or HALF_OPEN
 */
public record LicenseCallStatistics(
        long requestsSent, long cacheHits, long coalescedCallers, long graceAnswers, String circuitState) {}
