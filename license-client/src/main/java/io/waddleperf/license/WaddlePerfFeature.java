package io.waddleperf.license;

import java.util.Arrays;
import java.util.List;

/**
 * The licensed WaddlePerf features and the lowest tier that includes each.
 *
 * <p>Community covers tiers 1 and 2, on-demand runs, results and exports, none of which are
 * licensed features. The license server's answer is authoritative; this table documents the
 * standard packaging and gives development mode its feature list.
 */
public enum WaddlePerfFeature {
    AUTOPERF("autoperf", Tier.ENTERPRISE),
    TIER3("tier3", Tier.PROFESSIONAL),
    CAPTURE_ARCHIVE("capture_archive", Tier.ENTERPRISE),
    GEO_HEATMAP("geo_heatmap", Tier.PROFESSIONAL),
    SSO("sso", Tier.ENTERPRISE),
    AUDIT_LOG("audit_log", Tier.ENTERPRISE),
    API_KEYS("api_keys", Tier.PROFESSIONAL);

    private final String wireName;
    private final Tier minimumTier;

    WaddlePerfFeature(String wireName, Tier minimumTier) {
        this.wireName = wireName;
        this.minimumTier = minimumTier;
    }

    /** The feature name used by the license server and in license files. */
    public String wireName() {
        return wireName;
    }

    public Tier minimumTier() {
        return minimumTier;
    }

    public static List<WaddlePerfFeature> includedIn(Tier tier) {
        return Arrays.stream(values())
                .filter(feature -> tier.includes(feature.minimumTier))
                .toList();
    }
}
