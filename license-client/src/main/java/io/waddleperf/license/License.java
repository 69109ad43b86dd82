package io.waddleperf.license;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a license grants, whether it was validated online, read from a signed offline file or
 * stands in for development mode.
 *
 * @param id the masked key for online licenses, the {@code license_id} for offline files
 * @param issuedAt absent when the server did not say
 */
public record License(
        LicenseOrigin origin,
        String id,
        String customer,
        String product,
        Tier tier,
        List<Feature> features,
        Limits limits,
        Optional<Instant> issuedAt,
        Instant expiresAt,
        LicenseMetadata metadata) {

    public License {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(tier, "tier");
        features = List.copyOf(features);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * The license development mode ({@code RELEASE_MODE=false}) runs with: enterprise, every
     * feature, no limits, never expires.
     */
    public static License development(String product) {
        List<Feature> all = Arrays.stream(WaddlePerfFeature.values())
                .map(f -> new Feature(f.wireName(), true, Feature.UNLIMITED_UNITS, "development mode", Map.of()))
                .toList();
        return new License(
                LicenseOrigin.DEVELOPMENT,
                "development",
                "development",
                product,
                Tier.ENTERPRISE,
                all,
                Limits.unlimited(),
                Optional.empty(),
                Instant.MAX,
                LicenseMetadata.none());
    }

    public Optional<Feature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public boolean isEntitled(String feature) {
        return feature(feature).map(Feature::entitled).orElse(false);
    }

    public boolean isEntitled(WaddlePerfFeature feature) {
        return isEntitled(feature.wireName());
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
