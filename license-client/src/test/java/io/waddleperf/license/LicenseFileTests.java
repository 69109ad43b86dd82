package io.waddleperf.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.license.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LicenseFileTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final KeyPair ISSUER = LicenseSigningKeys.generate();

    @Test
    void aSignedFileVerifiesToTheLicenseItGrants() {
        String file = LicenseFile.sign(Payloads.enterprise(Payloads.EXPIRES), ISSUER.getPrivate());

        License license = LicenseFile.verify(file, ISSUER.getPublic(), "waddleperf", NOW);

        assertThat(license.origin()).isEqualTo(LicenseOrigin.FILE);
        assertThat(license.id()).isEqualTo("lic-2026-0042");
        assertThat(license.customer()).isEqualTo("Air-Gapped Labs");
        assertThat(license.tier()).isEqualTo(Tier.ENTERPRISE);
        assertThat(license.issuedAt()).contains(Payloads.ISSUED);
        assertThat(license.expiresAt()).isEqualTo(Payloads.EXPIRES);
        assertThat(license.limits()).isEqualTo(new Limits(50, Limits.UNLIMITED, 365));
        assertThat(license.isEntitled(WaddlePerfFeature.AUTOPERF)).isTrue();
        assertThat(license.isEntitled("sso")).isFalse();
        assertThat(license.feature("api_keys")).map(Feature::units).contains(25);
        assertThat(license.metadata().serverId()).isEmpty();
    }

    @Test
    void theFileIsTheDocumentedEnvelope() {
        byte[] payload = Payloads.enterprise(Payloads.EXPIRES);

        Object file = Json.parse(LicenseFile.sign(payload, ISSUER.getPrivate()));

        assertThat(file).isInstanceOf(Map.class);
        Map<?, ?> envelope = (Map<?, ?>) file;
        assertThat(Set.copyOf(envelope.keySet())).isEqualTo(Set.of("alg", "payload", "signature"));
        assertThat(envelope.get("alg")).isEqualTo("Ed25519");
        assertThat(Base64.getUrlDecoder().decode((String) envelope.get("payload")))
                .isEqualTo(payload);
        assertThat((String) envelope.get("signature")).matches("[A-Za-z0-9_-]{86}");
    }

    @Test
    void rejectsATamperedPayload() {
        String file =
                LicenseFile.sign(Payloads.payload("community", Payloads.EXPIRES, "waddleperf"), ISSUER.getPrivate());
        String upgraded = new String(
                        Payloads.payload("community", Payloads.EXPIRES, "waddleperf"), StandardCharsets.UTF_8)
                .replace("\"community\"", "\"enterprise\"");
        String tampered = withMember(file, "payload", base64url(upgraded.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> LicenseFile.verify(tampered, ISSUER.getPublic(), "waddleperf", NOW))
                .isInstanceOf(LicenseFileRejected.class)
                .hasMessage("license file rejected: signature does not match the public key (the payload was"
                        + " altered or signed with another key)");
    }

    @Test
    void rejectsAFileSignedWithAnotherKey() {
        String file = LicenseFile.sign(
                Payloads.enterprise(Payloads.EXPIRES),
                LicenseSigningKeys.generate().getPrivate());

        assertThatThrownBy(() -> LicenseFile.verify(file, ISSUER.getPublic(), "waddleperf", NOW))
                .isInstanceOf(LicenseFileRejected.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void rejectsAnExpiredFile() {
        Instant expired = NOW.minusSeconds(1);
        String file = LicenseFile.sign(Payloads.enterprise(expired), ISSUER.getPrivate());

        assertThatThrownBy(() -> LicenseFile.verify(file, ISSUER.getPublic(), "waddleperf", NOW))
                .isInstanceOf(LicenseExpired.class)
                .hasMessage("license expired at " + expired);
    }

    @Test
    void rejectsAFileForAnotherProduct() {
        String file =
                LicenseFile.sign(Payloads.payload("enterprise", Payloads.EXPIRES, "otherproduct"), ISSUER.getPrivate());

        assertThatThrownBy(() -> LicenseFile.verify(file, ISSUER.getPublic(), "waddleperf", NOW))
                .isInstanceOf(LicenseFileRejected.class)
                .hasMessageContaining("license is for product \"otherproduct\", not waddleperf");
    }

    @Test
    void rejectsOtherAlgorithmsAndUnsignedExtras() {
        String file = LicenseFile.sign(Payloads.enterprise(Payloads.EXPIRES), ISSUER.getPrivate());

        assertThatThrownBy(() ->
                        LicenseFile.verify(withMember(file, "alg", "none"), ISSUER.getPublic(), "waddleperf", NOW))
                .hasMessage("license file rejected: alg must be \"Ed25519\"");
        assertThatThrownBy(() -> LicenseFile.verify(
                        withMember(file, "tier", "enterprise"), ISSUER.getPublic(), "waddleperf", NOW))
                .hasMessageContaining("expected exactly the members alg, payload and signature");
    }

    @Test
    void namesWhatIsWrongWithAMalformedFile() {
        assertThatThrownBy(() -> LicenseFile.verify("not json", ISSUER.getPublic(), "waddleperf", NOW))
                .isInstanceOf(LicenseFileRejected.class)
                .hasMessageStartingWith("license file rejected: not JSON");
        String file = LicenseFile.sign(Payloads.enterprise(Payloads.EXPIRES), ISSUER.getPrivate());
        assertThatThrownBy(() ->
                        LicenseFile.verify(withMember(file, "signature", "***"), ISSUER.getPublic(), "waddleperf", NOW))
                .hasMessage("license file rejected: signature is not valid base64url");
        assertThatThrownBy(() -> LicenseFile.verify(
                        withMember(file, "signature", "AAAA"), ISSUER.getPublic(), "waddleperf", NOW))
                .hasMessageContaining("signature does not match");
    }

    @Test
    void refusesToSignAPayloadVerifyCouldNotRead() {
        byte[] noExpiry =
                "{\"license_id\":\"x\",\"customer\":\"c\",\"product\":\"waddleperf\",\"tier\":\"enterprise\",\"issued_at\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] noId = "{\"tier\":\"enterprise\"}".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe};

        assertThatThrownBy(() -> LicenseFile.sign(noExpiry, ISSUER.getPrivate()))
                .isInstanceOf(LicenseFileRejected.class)
                .hasMessage("license file rejected: payload expires_at is missing");
        assertThatThrownBy(() -> LicenseFile.sign(noId, ISSUER.getPrivate()))
                .hasMessageContaining("license_id is missing");
        assertThatThrownBy(() -> LicenseFile.sign(notUtf8, ISSUER.getPrivate())).hasMessageContaining("not UTF-8");
    }

    @Test
    void keysSurviveAPemRoundTrip() {
        KeyPair pair = LicenseSigningKeys.generate();
        String publicPem = LicenseSigningKeys.toPem(pair.getPublic());

        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(LicenseSigningKeys.readPublicKey(publicPem)).isEqualTo(pair.getPublic());
        String bareBase64 = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        assertThat(LicenseSigningKeys.readPublicKey(bareBase64)).isEqualTo(pair.getPublic());
        assertThat(LicenseSigningKeys.readPrivateKey(LicenseSigningKeys.toPem(pair.getPrivate()))
                        .getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void refusesKeysThatAreNotEd25519() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder()
                        .encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> LicenseSigningKeys.readPublicKey(rsaPem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)");
        assertThatThrownBy(() -> LicenseSigningKeys.readPublicKey("not base64!"))
                .hasMessage("key is not valid base64");
        assertThatThrownBy(() -> LicenseSigningKeys.readPublicKey(LicenseSigningKeys.toPem(ISSUER.getPrivate())))
                .hasMessageContaining("expected a PEM block -----BEGIN PUBLIC KEY-----");
    }

    private static String withMember(String file, String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = new LinkedHashMap<>((Map<String, Object>) Json.parse(file));
        envelope.put(name, value);
        return Json.write(envelope);
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
