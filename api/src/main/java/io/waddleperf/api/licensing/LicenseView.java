package io.waddleperf.api.licensing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/v1/orgs/{orgId}/license} shows.
 *
 * @param mode {@code development}, {@code online} or {@code offline}
 * @param limits -1 means unlimited
 */
public record LicenseView(
        String mode,
        String tier,
        String customer,
        @Nullable String key,
        List<FeatureView> features,
        LimitsView limits,
        @Nullable Instant expiresAt,
        @Nullable Instant lastCheck,
        boolean inGrace,
        @Nullable Instant graceEndsAt,
        @Nullable String lastFailure) {

    public record FeatureView(String name, boolean entitled) {}

    public record LimitsView(int maxServers, int maxUsers, int dataRetentionDays) {}
}
