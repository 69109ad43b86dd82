package io.waddleperf.license;

import io.waddleperf.license.internal.JsonValues;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-side bookkeeping attached to a license.
 *
 * @param serverId identifies this installation in keepalives; only online licenses have one
 * @param supportTier e.g. {@code community}, {@code email}, {@code priority}
 * @param customFields customer-specific data as parsed JSON
 */
public record LicenseMetadata(
        Optional<String> serverId, Optional<String> supportTier, Map<String, Object> customFields) {

    public LicenseMetadata {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(supportTier, "supportTier");
        customFields = JsonValues.immutableObject(customFields);
    }

    public static LicenseMetadata none() {
        return new LicenseMetadata(Optional.empty(), Optional.empty(), Map.of());
    }
}
