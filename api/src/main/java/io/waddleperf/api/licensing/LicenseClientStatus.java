package io.waddleperf.api.licensing;

import io.waddleperf.license.License;
import io.waddleperf.license.LicenseStatus;
import java.util.Optional;

/** A status for licenses that need no server: development mode and offline files. */
final class LicenseClientStatus {

    private LicenseClientStatus() {}

    static LicenseStatus of(License license) {
        return new LicenseStatus(
                Optional.of(license), Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
    }
}
