package io.waddleperf.license;

import io.waddleperf.license.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Offline license payloads as an issuer would write them. */
final class Payloads {

    static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant EXPIRES = Instant.parse("2027-11-01T00:00:00Z");

    private Payloads() {}

    static byte[] enterprise(Instant expiresAt) {
        return payload("enterprise", expiresAt, "waddleperf");
    }

    static byte[] payload(String tier, Instant expiresAt, String product) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("max_servers", 50);
        limits.put("max_users", -1);
        limits.put("data_retention_days", 365);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("license_id", "lic-2026-0042");
        payload.put("customer", "Air-Gapped Labs");
        payload.put("product", product);
        payload.put("tier", tier);
        payload.put("issued_at", ISSUED.toString());
        payload.put("expires_at", expiresAt.toString());
        payload.put(
                "features",
                List.of(
                        feature("autoperf", true, 0),
                        feature("tier3", true, 0),
                        feature("api_keys", true, 25),
                        feature("sso", false, -1)));
        payload.put("limits", limits);
        // Pretty-printed on purpose: the signature covers these exact bytes, whitespace included.
        return Json.write(payload).replace(",\"", ",\n  \"").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> feature(String name, boolean entitled, int units) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("name", name);
        feature.put("entitled", entitled);
        feature.put("units", units);
        return feature;
    }
}
