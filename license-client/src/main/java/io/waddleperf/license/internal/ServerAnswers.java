package io.waddleperf.license.internal;

import io.waddleperf.license.Feature;
import io.waddleperf.license.License;
import io.waddleperf.license.LicenseOrigin;
import io.waddleperf.license.LicenseResponseUnreadable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the license server's JSON answers. Whatever the bytes, the result is either a typed answer
 * or a {@link LicenseResponseUnreadable} naming the problem; nothing else escapes.
 */
public final class ServerAnswers {

    private static final int MESSAGE_LIMIT = 200;

    private ServerAnswers() {}

    /**
     * The answer to {@code POST /api/v2/validate}.
     *
     * @param license present exactly when {@code valid} is true
     * @param message the server's explanation, mostly given when {@code valid} is false
     * @param expiresAt what the server said about expiry, also when {@code valid} is false
     */
    public record Validation(boolean valid, Optional<License> license, String message, Optional<Instant> expiresAt) {}

    public static Validation readValidation(String body, String product, String licenseId) {
        try {
            Map<String, Object> doc = LicenseDocuments.object(Json.parse(body), "the answer");
            boolean valid = LicenseDocuments.requiredBoolean(doc, "valid");
            String message = message(doc);
            if (!valid) {
                return new Validation(false, Optional.empty(), message, lenientTimestamp(doc, "expires_at"));
            }
            License license = LicenseDocuments.license(doc, LicenseOrigin.SERVER, licenseId, product);
            return new Validation(true, Optional.of(license), message, Optional.of(license.expiresAt()));
        } catch (Json.JsonSyntaxError | LicenseDocuments.ShapeError e) {
            throw new LicenseResponseUnreadable(e.getMessage());
        }
    }

    /** The answer to {@code POST /api/v2/features}: {@code {"features": [...]}}. */
    public static List<Feature> readFeatures(String body) {
        try {
            Map<String, Object> doc = LicenseDocuments.object(Json.parse(body), "the answer");
            if (doc.get("features") == null) {
                throw new LicenseResponseUnreadable("features is missing");
            }
            return LicenseDocuments.features(doc.get("features"), "features");
        } catch (Json.JsonSyntaxError | LicenseDocuments.ShapeError e) {
            throw new LicenseResponseUnreadable(e.getMessage());
        }
    }

    /**
     * The explanation in an error answer: its {@code message}, {@code error} or {@code detail}
     * member (ProblemDetail and common API styles), else the start of the raw text.
     */
    public static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            if (Json.parse(body) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked") // Json only produces string-keyed maps
                String found = message((Map<String, Object>) map);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        } catch (Json.JsonSyntaxError notJson) {
            // a proxy's HTML or plain-text error page; the raw text is the best we have
        }
        return shorten(body.strip());
    }

    private static String message(Map<String, Object> doc) {
        for (String name : List.of("message", "error", "detail")) {
            if (doc.get(name) instanceof String s && !s.isBlank()) {
                return shorten(s.strip());
            }
        }
        return "";
    }

    private static Optional<Instant> lenientTimestamp(Map<String, Object> doc, String name) {
        try {
            return LicenseDocuments.optionalTimestamp(doc, name);
        } catch (LicenseDocuments.ShapeError ignored) {
            // a rejection stays a rejection even when its expiry field is unreadable
            return Optional.empty();
        }
    }

    private static String shorten(String text) {
        return Json.printable(text, MESSAGE_LIMIT);
    }
}
