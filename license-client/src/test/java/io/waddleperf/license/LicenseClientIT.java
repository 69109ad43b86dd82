package io.waddleperf.license;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.waddleperf.license.LicenseServerStub.FEATURES;
import static io.waddleperf.license.LicenseServerStub.KEEPALIVE;
import static io.waddleperf.license.LicenseServerStub.VALIDATE;
import static io.waddleperf.license.LicenseServerStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.license.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The license server contract, answer by answer, over real HTTP to a stub on 127.0.0.1. */
class LicenseClientIT {

    private static final String KEY =
            LicenseKey.withChecksum("PENG-ABCD-EFGH-1234-WXYZ").value();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final LicenseServerStub server = new LicenseServerStub();
    private final MutableClock clock = new MutableClock(NOW);
    private final LicenseClient client = LicenseClient.builder(KEY)
            .baseUrl(server.baseUrl())
            .clock(clock)
            .retries(3, Duration.ofMillis(1))
            .build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    // The stub's answers carry members the contract does not name; the client must ignore them.
    @Test
    void validatesAProfessionalKey() {
        server.answerValid(Tier.PROFESSIONAL, List.of("tier3", "api_keys", "geo_heatmap"), LicenseServerStub.EXPIRES);

        License license = client.validate();

        assertThat(license.origin()).isEqualTo(LicenseOrigin.SERVER);
        assertThat(license.id()).isEqualTo("PENG-ABCD-****-****-****-NOF2");
        assertThat(license.customer()).isEqualTo("Example Corp");
        assertThat(license.tier()).isEqualTo(Tier.PROFESSIONAL);
        assertThat(license.isEntitled(WaddlePerfFeature.TIER3)).isTrue();
        assertThat(license.isEntitled(WaddlePerfFeature.API_KEYS)).isTrue();
        assertThat(license.isEntitled(WaddlePerfFeature.GEO_HEATMAP)).isTrue();
        assertThat(license.isEntitled(WaddlePerfFeature.AUTOPERF)).isFalse();
        assertThat(license.feature("tier3")).map(Feature::description).contains("tier3 feature");
        assertThat(license.limits()).isEqualTo(new Limits(10, 25, 90));
        assertThat(license.issuedAt()).contains(LicenseServerStub.ISSUED);
        assertThat(license.expiresAt()).isEqualTo(LicenseServerStub.EXPIRES);
        assertThat(license.metadata().serverId()).contains("srv_8f7d6e5c4b3a2918");
        assertThat(license.metadata().customFields()).containsEntry("account_manager", "pat");
    }

    @Test
    void sendsTheBearerKeyAndTheProductAsJson() {
        server.answerValid(Tier.COMMUNITY, List.of(), LicenseServerStub.EXPIRES);

        client.validate();

        assertThat(server.requests(VALIDATE)).singleElement().satisfies(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(request.getBodyAsString()).isEqualTo("{\"product\":\"waddleperf\"}");
        });
    }

    @Test
    void validatesAnEnterpriseKeyWithEveryFeatureAndNoLimits() {
        server.answerValid(
                Tier.ENTERPRISE,
                List.of(WaddlePerfFeature.values()).stream()
                        .map(WaddlePerfFeature::wireName)
                        .toList(),
                LicenseServerStub.EXPIRES);

        License license = client.validate();

        assertThat(license.tier()).isEqualTo(Tier.ENTERPRISE);
        assertThat(WaddlePerfFeature.values())
                .allSatisfy(f -> assertThat(license.isEntitled(f)).isTrue());
        assertThat(license.limits().allowsServers(10_000)).isTrue();
        assertThat(license.limits().allowsUsers(10_000)).isTrue();
    }

    @Test
    void validatesACommunityKeyWithoutLicensedFeatures() {
        server.answerValid(Tier.COMMUNITY, List.of(), LicenseServerStub.EXPIRES);

        License license = client.validate();

        assertThat(license.tier()).isEqualTo(Tier.COMMUNITY);
        assertThat(WaddlePerfFeature.values())
                .noneSatisfy(f -> assertThat(license.isEntitled(f)).isTrue());
        assertThat(license.limits().allowsServers(11)).isFalse();
        assertThat(license.limits().dataRetentionDays()).isEqualTo(30);
    }

    @Test
    void servesTheCachedAnswerForFiveMinutes() {
        server.answerValid(Tier.COMMUNITY, List.of(), LicenseServerStub.EXPIRES);

        client.validate();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        client.validate();
        clock.advance(Duration.ofSeconds(1));
        client.validate();

        assertThat(server.requestsTo(VALIDATE)).isEqualTo(2);
        assertThat(client.statistics().cacheHits()).isEqualTo(1);
    }

    @Test
    void anAnswerWhoseExpiryHasPassedIsLicenseExpired() {
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        server.answerValid(Tier.ENTERPRISE, List.of("sso"), yesterday);

        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseExpired.class)
                .hasMessage("license expired at " + yesterday);
        assertThat(client.status().license()).isEmpty();
    }

    @Test
    void aRefusalNamingAPastExpiryIsLicenseExpired() {
        server.answer(
                VALIDATE,
                json(200, Map.of("valid", false, "message", "License expired", "expires_at", "2026-06-30T00:00:00Z")));

        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseExpired.class)
                .extracting(e -> ((LicenseExpired) e).expiredAt())
                .isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
    }

    @Test
    void aCachedLicenseThatRunsOutIsExpiredWithoutAskingAgain() {
        server.answerValid(Tier.PROFESSIONAL, List.of("tier3"), NOW.plus(Duration.ofMinutes(2)));
        client.validate();

        clock.advance(Duration.ofMinutes(3));

        assertThatThrownBy(client::validate).isInstanceOf(LicenseExpired.class);
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1);
    }

    @Test
    void aValidFalseAnswerIsARejectionWithTheServersMessage() {
        server.answer(VALIDATE, json(200, Map.of("valid", false, "message", "Key suspended for non-payment")));

        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseRejected.class)
                .hasMessage("license server rejected the license (HTTP 200): Key suspended for non-payment");
    }

    @Test
    void aLicenseForAnotherProductIsRejected() {
        Map<String, Object> answer = new LinkedHashMap<>(
                LicenseServerStub.validAnswer(Tier.ENTERPRISE, List.of(), LicenseServerStub.EXPIRES));
        answer.put("product", "squawkdns");
        server.answer(VALIDATE, json(200, answer));

        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseRejected.class)
                .hasMessageContaining("license is for product \"squawkdns\", not waddleperf");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410})
    void aRevokedOrUnknownKeyFailsClosedAndDropsTheCachedAnswer(int status) {
        server.answerValid(Tier.ENTERPRISE, List.of("sso"), LicenseServerStub.EXPIRES);
        client.validate();
        clock.advance(Duration.ofMinutes(5));
        server.answer(VALIDATE, json(status, Map.of("error", "License revoked")));

        assertThatThrownBy(client::validate)
                .isInstanceOfSatisfying(LicenseRejected.class, rejected -> {
                    assertThat(rejected.httpStatus()).isEqualTo(status);
                    assertThat(rejected.serverMessage()).isEqualTo("License revoked");
                })
                .hasMessage("license server rejected the license (HTTP " + status + "): License revoked");
        LicenseStatus status1 = client.status();
        assertThat(status1.license()).isEmpty();
        assertThat(status1.inGrace()).isFalse();
        assertThat(status1.graceEndsAt()).isEmpty();
        // A rejection is cached too: a revoked key does not turn every caller into a request.
        assertThatThrownBy(client::validate).isInstanceOf(LicenseRejected.class);
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(2);
    }

    @Test
    void aMalformedKeyNeverReachesTheNetwork() {
        String typo = KEY.substring(0, KEY.length() - 1) + (KEY.endsWith("A") ? "B" : "A");

        assertThatThrownBy(() ->
                        LicenseClient.builder(typo).baseUrl(server.baseUrl()).build())
                .isInstanceOf(MalformedLicenseKey.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> LicenseClient.builder("PENG-1234")
                        .baseUrl(server.baseUrl())
                        .build())
                .isInstanceOf(MalformedLicenseKey.class);

        assertThat(server.allRequests()).isZero();
    }

    @Test
    void keepaliveReportsUsageWithTheServerIdFromTheValidation() {
        server.answerValid(Tier.ENTERPRISE, List.of("autoperf"), LicenseServerStub.EXPIRES);
        server.answer(KEEPALIVE, json(200, Map.of("status", "ok")));

        client.keepalive(new Usage("api-1.example.net", "0.1.0", Duration.ofHours(26), 7, 42, 5, 1234));

        assertThat(server.requests(KEEPALIVE))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY));
        String expected = """
                {"product": "waddleperf", "server_id": "srv_8f7d6e5c4b3a2918", "hostname": "api-1.example.net",
                 "version": "0.1.0", "uptime_seconds": 93600,
                 "usage_stats": {"nodes": 7, "users": 42, "monitors": 5, "runs": 1234}}
                """;
        assertThat(server.requests(KEEPALIVE).getFirst().getBodyAsString())
                .satisfies(body -> assertThat(equalToJson(expected).match(body).isExactMatch())
                        .as("keepalive body %s", body)
                        .isTrue());
    }

    @Test
    void keepaliveNeedsTheServerIdTheValidationShouldHaveGiven() {
        Map<String, Object> answer = new LinkedHashMap<>(
                LicenseServerStub.validAnswer(Tier.ENTERPRISE, List.of(), LicenseServerStub.EXPIRES));
        answer.remove("metadata");
        server.answer(VALIDATE, json(200, answer));

        assertThatThrownBy(() -> client.keepalive(new Usage("h", "v", Duration.ZERO, 0, 0, 0, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metadata.server_id");
        assertThat(server.requestsTo(KEEPALIVE)).isZero();
    }

    @Test
    void aKeepaliveRejectedWith403DropsTheCachedValidation() {
        server.answerValid(Tier.ENTERPRISE, List.of(), LicenseServerStub.EXPIRES);
        server.answer(KEEPALIVE, json(403, Map.of("message", "license revoked")));

        assertThatThrownBy(() -> client.keepalive(new Usage("h", "v", Duration.ZERO, 0, 0, 0, 0)))
                .isInstanceOf(LicenseRejected.class);

        assertThatThrownBy(client::validate).isInstanceOf(LicenseRejected.class).hasMessageContaining("403");
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1);
    }

    @Test
    void asksTheFeaturesEndpointAboutOneFeatureAndCachesTheAnswer() {
        server.answer(
                FEATURES, json(200, Map.of("features", List.of(LicenseServerStub.feature("capture_archive", true)))));

        Feature feature = client.features("capture_archive");
        client.features("capture_archive");

        assertThat(feature.entitled()).isTrue();
        assertThat(feature.name()).isEqualTo("capture_archive");
        assertThat(server.requests(FEATURES)).singleElement().satisfies(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(equalToJson("{\"product\": \"waddleperf\", \"feature\": \"capture_archive\"}")
                            .match(request.getBodyAsString())
                            .isExactMatch())
                    .isTrue();
        });
    }

    @Test
    void aFeatureTheServerDoesNotListIsNotEntitled() {
        server.answer(FEATURES, json(200, Map.of("features", List.of())));

        assertThat(client.features("sso")).isEqualTo(Feature.notEntitled("sso"));
    }

    @Test
    void rejectsFeatureNamesThatCannotBeOnTheWire() {
        assertThatThrownBy(() -> client.features("SSO; drop")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.allRequests()).isZero();
    }
}
