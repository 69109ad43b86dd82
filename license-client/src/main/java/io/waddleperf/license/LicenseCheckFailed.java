package io.waddleperf.license;

/**
 * A license could not be confirmed. The subclasses say why; callers that only need "licensed or
 * not" catch this one.
 */
public abstract sealed class LicenseCheckFailed extends RuntimeException
        permits LicenseRejected,
                LicenseExpired,
                LicenseServerUnavailable,
                LicenseResponseUnreadable,
                LicenseFileRejected {

    LicenseCheckFailed(String message) {
        super(message);
    }

    LicenseCheckFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
