package io.waddleperf.license;

import io.waddleperf.license.internal.Json;
import io.waddleperf.license.internal.LicenseDocuments;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Offline license files for air-gapped installations.
 *
 * <p>A file is a JSON object with exactly three members:
 *
 * <pre>{@code
 * {"alg": "Ed25519", "payload": "<base64url of the payload bytes>", "signature": "<base64url>"}
 * }</pre>
 *
 * The signature is Ed25519 over the decoded payload bytes exactly as they are, so no JSON
 * canonicalisation is involved; base64url may be written with or without padding. The payload is
 * UTF-8 JSON with the same members as the license server's validate answer ({@code customer},
 * {@code product}, {@code tier}, {@code features}, {@code limits}, {@code issued_at}, {@code
 * expires_at}) plus {@code license_id}; {@code license_id}, {@code customer}, {@code product},
 * {@code tier}, {@code issued_at} and {@code expires_at} are required. Unknown payload members are
 * ignored, so newer issuers can add signed fields; unknown members around the payload are rejected,
 * so nothing unsigned can look like part of the grant.
 */
public final class LicenseFile {

    private static final String ALG = LicenseSigningKeys.ALGORITHM;
    private static final Set<String> MEMBERS = Set.of("alg", "payload", "signature");

    private LicenseFile() {}

    /**
     * Checks the signature first and only then reads the payload.
     *
     * @throws LicenseFileRejected malformed file, other algorithm, bad signature or wrong product
     * @throws LicenseExpired the signed expiry is not after {@code now}
     */
    public static License verify(String fileContent, PublicKey publicKey, String product, Instant now) {
        Map<String, Object> file = readEnvelope(fileContent);
        byte[] payload = base64url(file, "payload");
        byte[] signature = base64url(file, "signature");
        if (!signatureMatches(payload, signature, publicKey)) {
            throw new LicenseFileRejected(
                    "signature does not match the public key (the payload was altered or signed with another key)");
        }
        License license = readPayload(payload);
        if (!license.product().equalsIgnoreCase(product)) {
            throw new LicenseFileRejected(
                    "license is for product \"" + Json.printable(license.product()) + "\", not " + product);
        }
        if (license.isExpiredAt(now)) {
            throw new LicenseExpired(license.expiresAt());
        }
        return license;
    }

    /**
     * Signs a payload after checking it has the documented shape, so no file is issued that
     * {@link #verify} would refuse to read. Expiry is not checked: issuing a file for the past is
     * the issuer's business.
     *
     * @return the license file's JSON text
     */
    public static String sign(byte[] payload, PrivateKey privateKey) {
        readPayload(payload);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("alg", ALG);
        file.put("payload", encode(payload));
        file.put("signature", encode(signatureOf(payload, privateKey)));
        return Json.write(file) + "\n";
    }

    private static Map<String, Object> readEnvelope(String fileContent) {
        Object parsed;
        try {
            parsed = Json.parse(fileContent);
        } catch (Json.JsonSyntaxError e) {
            throw new LicenseFileRejected("not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new LicenseFileRejected("expected a JSON object with alg, payload and signature");
        }
        if (!MEMBERS.equals(map.keySet())) {
            throw new LicenseFileRejected("expected exactly the members alg, payload and signature, found "
                    + Json.printable(String.join(
                            ", ", map.keySet().stream().map(String::valueOf).toList())));
        }
        if (!ALG.equals(map.get("alg"))) {
            throw new LicenseFileRejected("alg must be \"" + ALG + "\"");
        }
        @SuppressWarnings("unchecked") // Json only produces string-keyed maps
        Map<String, Object> file = (Map<String, Object>) map;
        return file;
    }

    /** Reads a payload with the checks {@link #verify} applies after the signature. */
    static License readPayload(byte[] payload) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
            Map<String, Object> doc = LicenseDocuments.object(Json.parse(text), "payload");
            String id = LicenseDocuments.requiredString(doc, "license_id");
            for (String required : new String[] {"customer", "product", "issued_at"}) {
                if (doc.get(required) == null) {
                    throw new LicenseFileRejected("payload " + required + " is missing");
                }
            }
            return LicenseDocuments.license(doc, LicenseOrigin.FILE, id, "");
        } catch (CharacterCodingException e) {
            throw new LicenseFileRejected("payload is not UTF-8");
        } catch (Json.JsonSyntaxError | LicenseDocuments.ShapeError e) {
            throw new LicenseFileRejected("payload " + e.getMessage());
        }
    }

    private static byte[] base64url(Map<String, Object> file, String member) {
        if (!(file.get(member) instanceof String text)) {
            throw new LicenseFileRejected(member + " must be a base64url string");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new LicenseFileRejected(member + " is not valid base64url");
        }
    }

    private static boolean signatureMatches(byte[] payload, byte[] signature, PublicKey publicKey) {
        try {
            Signature verifier = Signature.getInstance(ALG);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new LicenseFileRejected("the public key is not an Ed25519 key", e);
        } catch (GeneralSecurityException e) {
            // A malformed signature (wrong length, not a curve point) cannot match.
            return false;
        }
    }

    private static byte[] signatureOf(byte[] payload, PrivateKey privateKey) {
        try {
            Signature signer = Signature.getInstance(ALG);
            signer.initSign(privateKey);
            signer.update(payload);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the private key is not an Ed25519 key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ provides Ed25519 signatures", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
