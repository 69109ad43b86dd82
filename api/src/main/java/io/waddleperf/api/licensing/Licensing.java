package io.waddleperf.api.licensing;

import io.waddleperf.license.License;
import io.waddleperf.license.LicenseCheckFailed;
import io.waddleperf.license.LicenseClient;
import io.waddleperf.license.LicenseStatus;
import io.waddleperf.license.Limits;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The installation's license: what is entitled and what the limits are. The licensing module's
 * API. In development mode everything is on; otherwise answers come from the license client
 * (cached, bridged through outages) or from a verified offline file.
 */
public final class Licensing {

    private final Supplier<License> license;
    private final Supplier<LicenseStatus> status;
    private final String mode;
    private final @Nullable String maskedKey;
    private final Clock clock;

    Licensing(
            Supplier<License> license,
            Supplier<LicenseStatus> status,
            String mode,
            @Nullable String maskedKey,
            Clock clock) {
        this.license = license;
        this.status = status;
        this.mode = mode;
        this.maskedKey = maskedKey;
        this.clock = clock;
    }

    /** Every feature on, no limits, no calls: {@code RELEASE_MODE=false}. */
    public static Licensing development(String product, Clock clock) {
        License dev = License.development(product);
        return new Licensing(() -> dev, () -> LicenseClientStatus.of(dev), "development", null, clock);
    }

    public static Licensing online(LicenseClient client, String maskedKey, Clock clock) {
        return new Licensing(client::validate, client::status, "online", maskedKey, clock);
    }

    public static Licensing offline(License file, Clock clock) {
        return new Licensing(() -> file, () -> LicenseClientStatus.of(file), "offline", null, clock);
    }

    /**
     * The current license (fail closed).
     *
     * @throws NoValidLicense if it has expired or none can be confirmed
     */
    public License current() {
        License current;
        try {
            current = license.get();
        } catch (LicenseCheckFailed e) {
            throw NoValidLicense.unconfirmed(String.valueOf(e.getMessage()));
        }
        if (current.isExpiredAt(clock.instant())) {
            throw NoValidLicense.expired(current.expiresAt());
        }
        return current;
    }

    public boolean entitled(WaddlePerfFeature feature) {
        return current().isEntitled(feature);
    }

    /** Throws {@link FeatureNotLicensed} unless the license includes the feature. */
    public void require(WaddlePerfFeature feature) {
        if (!entitled(feature)) {
            throw new FeatureNotLicensed(feature);
        }
    }

    /**
     * Throws {@link LicenseLimitReached} when adding one more would exceed the limit.
     *
     * @param current how many exist now
     */
    public void requireRoomFor(Limit limit, long current) {
        Limits limits = current().limits();
        int max = limit == Limit.MAX_USERS ? limits.maxUsers() : limits.maxServers();
        if (max != Limits.UNLIMITED && current + 1 > max) {
            throw new LicenseLimitReached(limit, max, current);
        }
    }

    /** Caps a retention period by the license's {@code data_retention_days}. */
    public Duration capRetention(Duration wanted) {
        int days = current().limits().dataRetentionDays();
        if (days == Limits.UNLIMITED) {
            return wanted;
        }
        Duration cap = Duration.ofDays(days);
        return wanted.compareTo(cap) > 0 ? cap : wanted;
    }

    public enum Limit {
        MAX_USERS("max_users", "users"),
        MAX_SERVERS("max_servers", "test-server nodes");

        private final String wireName;
        private final String noun;

        Limit(String wireName, String noun) {
            this.wireName = wireName;
            this.noun = noun;
        }

        public String wireName() {
            return wireName;
        }

        String noun() {
            return noun;
        }
    }

    public LicenseView view() {
        LicenseStatus s = status.get();
        License shown = s.license().orElse(null);
        List<LicenseView.FeatureView> features = Arrays.stream(WaddlePerfFeature.values())
                .map(f -> new LicenseView.FeatureView(f.wireName(), shown != null && shown.isEntitled(f)))
                .toList();
        Limits limits = shown == null ? new Limits(0, 0, 0) : shown.limits();
        return new LicenseView(
                mode,
                shown == null ? "none" : shown.tier().wireName(),
                shown == null ? "" : shown.customer(),
                maskedKey,
                features,
                new LicenseView.LimitsView(limits.maxServers(), limits.maxUsers(), limits.dataRetentionDays()),
                shown == null || shown.expiresAt().equals(java.time.Instant.MAX) ? null : shown.expiresAt(),
                s.lastCheck().orElse(null),
                s.inGrace(),
                s.graceEndsAt().orElse(null),
                s.lastFailure().orElse(null));
    }
}
