package io.waddleperf.license;

import java.time.Instant;

/** The license, online or offline, ran out. */
public final class LicenseExpired extends LicenseCheckFailed {

    private final Instant expiredAt;

    public LicenseExpired(Instant expiredAt) {
        super("license expired at " + expiredAt);
        this.expiredAt = expiredAt;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
