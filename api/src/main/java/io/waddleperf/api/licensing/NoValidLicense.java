package io.waddleperf.api.licensing;

import io.waddleperf.api.shared.errors.Refused;
import java.time.Instant;

/**
 * No license is in force, so everything licensed is refused (fail closed): it expired, or none
 * could be confirmed online or offline. The slug tells the two apart.
 */
public final class NoValidLicense extends Refused {

    private NoValidLicense(String slug, String detail) {
        super(Kind.NOT_LICENSED, slug, "License required", detail);
    }

    public static NoValidLicense expired(Instant expiredAt) {
        return new NoValidLicense("license-expired", "The license expired at " + expiredAt);
    }

    /** @param reason why the license client could not confirm one */
    public static NoValidLicense unconfirmed(String reason) {
        return new NoValidLicense("license-invalid", "No valid license: " + reason);
    }
}
