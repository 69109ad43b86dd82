package io.waddleperf.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LicenseTests {

    // SPEC §4: Professional adds tier3, api_keys and geo_heatmap to Community; Enterprise has all.
    @Test
    void theTierTableMatchesTheProductSpecification() {
        assertThat(WaddlePerfFeature.includedIn(Tier.COMMUNITY)).isEmpty();
        assertThat(WaddlePerfFeature.includedIn(Tier.PROFESSIONAL))
                .containsExactly(WaddlePerfFeature.TIER3, WaddlePerfFeature.GEO_HEATMAP, WaddlePerfFeature.API_KEYS);
        assertThat(WaddlePerfFeature.includedIn(Tier.ENTERPRISE)).containsExactly(WaddlePerfFeature.values());
        assertThat(List.of(WaddlePerfFeature.values()))
                .extracting(WaddlePerfFeature::wireName)
                .containsExactly("autoperf", "tier3", "capture_archive", "geo_heatmap", "sso", "audit_log", "api_keys");
    }

    @Test
    void tiersAreReadCaseInsensitivelyAndOrdered() {
        assertThat(Tier.fromWireName("Enterprise")).contains(Tier.ENTERPRISE);
        assertThat(Tier.fromWireName("gold")).isEmpty();
        assertThat(Tier.ENTERPRISE.includes(Tier.PROFESSIONAL)).isTrue();
        assertThat(Tier.COMMUNITY.includes(Tier.PROFESSIONAL)).isFalse();
    }

    @Test
    void developmentModeGrantsEveryFeatureWithoutLimitsOrExpiry() {
        License development = License.development("waddleperf");

        assertThat(development.origin()).isEqualTo(LicenseOrigin.DEVELOPMENT);
        assertThat(WaddlePerfFeature.values())
                .allSatisfy(f -> assertThat(development.isEntitled(f)).isTrue());
        assertThat(development.limits()).isEqualTo(Limits.unlimited());
        assertThat(development.isExpiredAt(Instant.parse("9999-12-31T23:59:59Z")))
                .isFalse();
    }

    @Test
    void limitsTreatMinusOneAsUnlimited() {
        Limits limits = new Limits(3, Limits.UNLIMITED, 30);

        assertThat(limits.allowsServers(3)).isTrue();
        assertThat(limits.allowsServers(4)).isFalse();
        assertThat(limits.allowsUsers(Integer.MAX_VALUE)).isTrue();
        assertThatThrownBy(() -> new Limits(-2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_servers must be -1 (unlimited) or a count, not -2");
    }

    @Test
    void aLicenseExpiresAtItsExpiryInstant() {
        License license = License.development("waddleperf");
        License expiring = new License(
                license.origin(),
                license.id(),
                license.customer(),
                license.product(),
                license.tier(),
                license.features(),
                license.limits(),
                license.issuedAt(),
                Instant.parse("2027-01-01T00:00:00Z"),
                license.metadata());

        assertThat(expiring.isExpiredAt(Instant.parse("2026-12-31T23:59:59Z"))).isFalse();
        assertThat(expiring.isExpiredAt(Instant.parse("2027-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void featureMetadataCannotBeChangedThroughTheRecord() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("nested", new HashMap<>(Map.of("k", "v")));
        Feature feature = new Feature("sso", true, 0, "", metadata);

        metadata.put("added", true);

        assertThat(feature.metadata()).containsOnlyKeys("nested");
        assertThatThrownBy(() -> feature.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(feature.metadata().get("nested"))
                .isInstanceOfSatisfying(
                        Map.class,
                        nested -> assertThatThrownBy(nested::clear).isInstanceOf(UnsupportedOperationException.class));
    }

    @Test
    void usageRefusesNegativeFigures() {
        assertThatThrownBy(() -> new Usage("h", "v", Duration.ZERO, -1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderRefusesSettingsThatCannotWork() {
        LicenseClient.Builder builder = LicenseClient.builder(LicenseKey.withChecksum("PENG-ABCD-EFGH-1234-WXYZ"));

        assertThatThrownBy(() -> builder.baseUrl("ftp://license.example")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> builder.baseUrl("/relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> builder.callTimeout(Duration.ZERO))
                .hasMessage("callTimeout must be a positive duration");
        assertThatThrownBy(() -> builder.grace(Duration.ofDays(4000))).hasMessage("grace must not exceed 10 years");
        assertThatThrownBy(() -> builder.retries(0, Duration.ofMillis(10)))
                .hasMessage("maxAttempts must be 1-10, not 0");
        assertThatThrownBy(() -> builder.retries(3, Duration.ofNanos(10)))
                .hasMessage("initialBackoff must be at least 1 ms");
        assertThatThrownBy(() -> builder.product(" ")).hasMessage("product must not be blank");
    }

    @Test
    void callersAreNeverBlockedLongerThanTheTimeoutsPlusBoundedBackOff() {
        LicenseClient client = LicenseClient.builder(LicenseKey.withChecksum("PENG-ABCD-EFGH-1234-WXYZ"))
                .callTimeout(Duration.ofSeconds(5))
                .retries(3, Duration.ofMillis(200))
                .build();

        // 3 × 5 s, plus back-offs of 200 ms and 400 ms drawn with at most +50 % jitter.
        assertThat(client.maxBlocking()).isEqualTo(Duration.ofMillis(15_000 + 300 + 600));
        client.close();
    }
}
