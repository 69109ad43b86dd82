package io.waddleperf.license;

import io.waddleperf.license.internal.Base32;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A PenguinTech license key: {@code PENG-XXXX-XXXX-XXXX-XXXX-CCCC}.
 *
 * <p>The four body groups use {@code A-Z} and {@code 0-9}. The last group {@code CCCC} is a
 * checksum: the first four characters of the RFC 4648 base32 encoding (upper case, no padding) of
 * the SHA-256 digest of the ASCII text before it, {@code PENG-XXXX-XXXX-XXXX-XXXX}. Base32 only
 * uses {@code A-Z2-7}, so a checksum always fits the key alphabet. The check catches typos before
 * any call to the license server, so a mistyped key never counts as a failed validation there.
 *
 * <p>Parsing trims surrounding white space and accepts lower case, because keys are pasted from
 * e-mails and web pages; {@link #value()} is always the canonical upper-case form.
 */
public record LicenseKey(String value) {

    private static final Pattern SHAPE = Pattern.compile("PENG(-[A-Z0-9]{4}){5}");
    private static final int BODY_LENGTH = "PENG-XXXX-XXXX-XXXX-XXXX".length();

    public LicenseKey {
        checkFormat(value);
    }

    /**
     * Parses and checks a key as a user typed it.
     *
     * @throws MalformedLicenseKey naming what is wrong with the key, never echoing the whole key
     */
    public static LicenseKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedLicenseKey("license key is empty");
        }
        return new LicenseKey(text.strip().toUpperCase(Locale.ROOT));
    }

    /** Appends the checksum group to a key body {@code PENG-XXXX-XXXX-XXXX-XXXX}. */
    public static LicenseKey withChecksum(String body) {
        String upper = body.toUpperCase(Locale.ROOT);
        return new LicenseKey(upper + "-" + checksumOf(upper));
    }

    /** The key with its middle groups masked, safe for logs and UI. */
    public String masked() {
        return value.substring(0, 9) + "-****-****-****-" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }

    static String checksumOf(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
            return Base32.encode(digest).substring(0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide SHA-256", e);
        }
    }

    private static void checkFormat(String value) {
        if (value == null) {
            throw new MalformedLicenseKey("license key is empty");
        }
        if (!value.startsWith("PENG-")) {
            throw new MalformedLicenseKey("license key must start with PENG-");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new MalformedLicenseKey(
                    "license key must look like PENG-XXXX-XXXX-XXXX-XXXX-XXXX with groups of four letters A-Z or digits 0-9");
        }
        String body = value.substring(0, BODY_LENGTH);
        if (!checksumOf(body).equals(value.substring(BODY_LENGTH + 1))) {
            throw new MalformedLicenseKey("license key checksum does not match; check the key for typos");
        }
    }
}
