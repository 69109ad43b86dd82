package io.waddleperf.license;

/**
 * The license server answered 2xx with something that is not the documented JSON. The client
 * treats this like an outage (grace applies), because a broken proxy must not revoke a license.
 */
public final class LicenseResponseUnreadable extends LicenseCheckFailed {

    public LicenseResponseUnreadable(String reason) {
        super("license server answer is unreadable: " + reason);
    }
}
