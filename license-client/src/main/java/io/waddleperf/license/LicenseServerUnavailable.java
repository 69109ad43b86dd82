package io.waddleperf.license;

/**
 * The license server could not give an answer (5xx, 408, 429, timeout, connection error, an
 * unreadable answer or an open circuit breaker) and no earlier answer within the grace period
 * could stand in for it.
 */
public final class LicenseServerUnavailable extends LicenseCheckFailed {

    public LicenseServerUnavailable(String message) {
        super(message);
    }

    public LicenseServerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
