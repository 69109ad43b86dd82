package io.waddleperf.api.licensing;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.license.LicenseFile;
import io.waddleperf.license.LicenseSigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An air-gapped installation: a signed license file and the issuer's public key, no server. */
@ApiIntegrationTest
class OfflineLicenseIT {

    @DynamicPropertySource
    static void offlineLicense(DynamicPropertyRegistry registry) {
        KeyPair keys = LicenseSigningKeys.generate();
        byte[] payload = ("{\"license_id\":\"lic-test\",\"customer\":\"Air-Gapped Labs\",\"product\":\"waddleperf\","
                        + "\"tier\":\"professional\",\"issued_at\":\"2026-11-01T00:00:00Z\","
                        + "\"expires_at\":\"2099-11-01T00:00:00Z\","
                        + "\"features\":[{\"name\":\"api_keys\",\"entitled\":true,\"units\":0}],"
                        + "\"limits\":{\"max_servers\":3,\"max_users\":-1,\"data_retention_days\":60}}")
                .getBytes(StandardCharsets.UTF_8);
        String file = LicenseFile.sign(payload, keys.getPrivate());
        try {
            Path dir = Files.createTempDirectory("waddleperf-offline-license");
            Path licenseFile = Files.writeString(dir.resolve("license.json"), file);
            Path publicKey = Files.writeString(dir.resolve("issuer.pem"), LicenseSigningKeys.toPem(keys.getPublic()));
            registry.add("waddleperf.licensing.release-mode", () -> "true");
            registry.add("waddleperf.licensing.file", licenseFile::toString);
            registry.add("waddleperf.licensing.public-key", publicKey::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void theSignedFileGrantsItsFeaturesAndLimits() {
        HttpTestClient http = new HttpTestClient(port);
        Org org = new Fixtures(http).createOrg("Offline " + UUID.randomUUID());

        Response status = http.get("/api/v1/orgs/" + org.id() + "/license", "Authorization", bearer(org.adminToken()));
        Response keys = http.get("/api/v1/orgs/" + org.id() + "/api-keys", "Authorization", bearer(org.adminToken()));
        Response sso = http.get("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()));

        assertThat(status.json().path("mode").asString()).isEqualTo("offline");
        assertThat(status.json().path("customer").asString()).isEqualTo("Air-Gapped Labs");
        assertThat(status.json().path("limits").path("dataRetentionDays").asInt())
                .isEqualTo(60);
        assertThat(keys.status()).isEqualTo(200);
        assertThat(sso.status()).isEqualTo(402);
    }
}
