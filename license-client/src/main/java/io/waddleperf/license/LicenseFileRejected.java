package io.waddleperf.license;

/** An offline license file is malformed, uses another algorithm, or its signature does not verify. */
public final class LicenseFileRejected extends LicenseCheckFailed {

    public LicenseFileRejected(String reason) {
        super("license file rejected: " + reason);
    }

    public LicenseFileRejected(String reason, Throwable cause) {
        super("license file rejected: " + reason, cause);
    }
}
