package io.waddleperf.license.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.license.Feature;
import io.waddleperf.license.License;
import io.waddleperf.license.LicenseOrigin;
import io.waddleperf.license.LicenseResponseUnreadable;
import io.waddleperf.license.Limits;
import io.waddleperf.license.Tier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerAnswersTests {

    // The documented shape (SPEC §4), plus members the contract does not name, which must be ignored.
    private static final String FULL_ANSWER = """
            {
              "valid": true,
              "customer": "Example Corp",
              "product": "waddleperf",
              "license_version": "2.0",
              "license_key": "PENG-ABCD-EFGH-1234-WXYZ-NOF2",
              "expires_at": "2027-11-22T00:00:00Z",
              "issued_at": "2026-11-22T00:00:00+01:00",
              "tier": "professional",
              "features": [
                {"name": "tier3", "entitled": true, "units": 0, "description": "Comprehensive tests",
                 "metadata": {"max_duration_s": 300}, "added_later": [1, 2]},
                {"name": "autoperf", "entitled": false}
              ],
              "limits": {"max_servers": 25, "max_users": -1, "data_retention_days": 90, "max_widgets": 3},
              "metadata": {"server_id": "srv_8f7d6e5c4b3a2918", "support_tier": "email",
                           "custom_fields": {"region": "eu", "seats": 40}},
              "unknown_top_level": {"nested": true}
            }
            """;

    @Test
    void readsTheDocumentedValidationAnswer() {
        ServerAnswers.Validation answer = ServerAnswers.readValidation(FULL_ANSWER, "waddleperf", "PENG-ABCD-****");

        assertThat(answer.valid()).isTrue();
        License license = answer.license().orElseThrow();
        assertThat(license.origin()).isEqualTo(LicenseOrigin.SERVER);
        assertThat(license.id()).isEqualTo("PENG-ABCD-****");
        assertThat(license.customer()).isEqualTo("Example Corp");
        assertThat(license.tier()).isEqualTo(Tier.PROFESSIONAL);
        assertThat(license.expiresAt()).isEqualTo(Instant.parse("2027-11-22T00:00:00Z"));
        assertThat(license.issuedAt()).contains(Instant.parse("2026-11-21T23:00:00Z"));
        assertThat(license.limits()).isEqualTo(new Limits(25, Limits.UNLIMITED, 90));
        assertThat(license.features())
                .containsExactly(
                        new Feature(
                                "tier3",
                                true,
                                Feature.UNLIMITED_UNITS,
                                "Comprehensive tests",
                                Map.of("max_duration_s", new BigDecimal(300))),
                        new Feature("autoperf", false, Feature.UNITS_NOT_APPLICABLE, "", Map.of()));
        assertThat(license.metadata().serverId()).contains("srv_8f7d6e5c4b3a2918");
        assertThat(license.metadata().supportTier()).contains("email");
        assertThat(license.metadata().customFields()).containsEntry("region", "eu");
    }

    @Test
    void fillsTheDefaultsForOptionalMembers() {
        License license = ServerAnswers.readValidation(
                        "{\"valid\": true, \"tier\": \"community\", \"expires_at\": \"2027-01-01T00:00:00\","
                                + " \"issued_at\": null}",
                        "waddleperf",
                        "id")
                .license()
                .orElseThrow();

        assertThat(license.product()).isEqualTo("waddleperf");
        assertThat(license.customer()).isEmpty();
        assertThat(license.features()).isEmpty();
        assertThat(license.limits()).isEqualTo(Limits.unlimited());
        assertThat(license.issuedAt()).isEmpty();
        // Python's isoformat() omits the offset; the server runs in UTC.
        assertThat(license.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void readsARefusalWithItsMessageAndExpiry() {
        ServerAnswers.Validation answer = ServerAnswers.readValidation(
                "{\"valid\": false, \"message\": \"License expired\", \"expires_at\": \"2026-01-01T00:00:00Z\"}",
                "waddleperf",
                "id");

        assertThat(answer.valid()).isFalse();
        assertThat(answer.license()).isEmpty();
        assertThat(answer.message()).isEqualTo("License expired");
        assertThat(answer.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void namesTheOffendingMemberWhenTheShapeIsWrong() {
        assertThatThrownBy(() -> ServerAnswers.readValidation(
                        "{\"valid\": true, \"tier\": \"gold\", \"expires_at\": \"2027-01-01T00:00:00Z\"}", "p", "id"))
                .isInstanceOf(LicenseResponseUnreadable.class)
                .hasMessage("license server answer is unreadable: tier must be community, professional or"
                        + " enterprise, not \"gold\"");
        assertThatThrownBy(() -> ServerAnswers.readValidation(
                        "{\"valid\": true, \"tier\": \"community\", \"expires_at\": \"2027-01-01T00:00:00Z\","
                                + " \"features\": [{\"name\": \"sso\", \"entitled\": \"yes\"}]}",
                        "p",
                        "id"))
                .hasMessageEndingWith("features[0].entitled must be true or false, not a string");
        assertThatThrownBy(() -> ServerAnswers.readValidation(
                        "{\"valid\": true, \"tier\": \"community\", \"expires_at\": \"2027-01-01T00:00:00Z\","
                                + " \"limits\": {\"max_users\": 1.5}}",
                        "p",
                        "id"))
                .hasMessageEndingWith("limits.max_users must be a whole number in the int range");
        assertThatThrownBy(() -> ServerAnswers.readValidation("{\"tier\": \"community\"}", "p", "id"))
                .hasMessageEndingWith("valid is missing");
        assertThatThrownBy(() -> ServerAnswers.readValidation("<html>Bad gateway</html>", "p", "id"))
                .hasMessageContaining("expected a JSON value at offset 0");
    }

    @Test
    void readsTheFeaturesAnswer() {
        assertThat(ServerAnswers.readFeatures(
                        "{\"features\": [{\"name\": \"sso\", \"entitled\": true, \"units\": 5}], \"extra\": 1}"))
                .containsExactly(new Feature("sso", true, 5, "", Map.of()));
        assertThatThrownBy(() -> ServerAnswers.readFeatures("{}"))
                .isInstanceOf(LicenseResponseUnreadable.class)
                .hasMessageEndingWith("features is missing");
    }

    @Test
    void extractsErrorMessagesFromCommonShapes() {
        assertThat(ServerAnswers.errorMessage("{\"error\": \"License revoked\"}"))
                .isEqualTo("License revoked");
        assertThat(ServerAnswers.errorMessage("{\"title\": \"Forbidden\", \"detail\": \"key unknown\"}"))
                .isEqualTo("key unknown");
        assertThat(ServerAnswers.errorMessage("upstream\nconnect error")).isEqualTo("upstream?connect error");
        assertThat(ServerAnswers.errorMessage("x".repeat(500))).hasSize(201);
        assertThat(ServerAnswers.errorMessage("")).isEmpty();
    }

    @Test
    void validationAnswerKeepsOptionalEmptyWhenNoExpiryIsGiven() {
        assertThat(ServerAnswers.readValidation("{\"valid\": false, \"expires_at\": 5}", "p", "id")
                        .expiresAt())
                .isEqualTo(Optional.empty());
    }
}
