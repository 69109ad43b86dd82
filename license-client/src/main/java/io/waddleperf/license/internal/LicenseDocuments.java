package io.waddleperf.license.internal;

import io.waddleperf.license.Feature;
import io.waddleperf.license.License;
import io.waddleperf.license.LicenseMetadata;
import io.waddleperf.license.LicenseOrigin;
import io.waddleperf.license.Limits;
import io.waddleperf.license.Tier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps parsed JSON to license records. The server's validate answer and the offline payload share
 * one shape, so online and offline licenses come out identical.
 *
 * <p>Unknown members are ignored (the server may add fields); {@code null} counts as absent.
 */
public final class LicenseDocuments {

    private LicenseDocuments() {}

    /** JSON that parsed but does not have the documented shape; the message names the member. */
    public static final class ShapeError extends RuntimeException {

        ShapeError(String message) {
            super(message);
        }
    }

    public static Map<String, Object> object(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked") // Json only produces string-keyed maps
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw new ShapeError(path + " must be a JSON object, not " + kind(value));
    }

    /**
     * @param product used when the document names none (the server's answer is about the product
     *     it was asked for)
     */
    public static License license(Map<String, Object> doc, LicenseOrigin origin, String id, String product) {
        String tierName = requiredString(doc, "tier");
        Tier tier = Tier.fromWireName(tierName)
                .orElseThrow(() -> new ShapeError("tier must be community, professional or enterprise, not \""
                        + Json.printable(tierName) + "\""));
        return new License(
                origin,
                id,
                optionalString(doc, "customer").orElse(""),
                optionalString(doc, "product").orElse(product),
                tier,
                features(doc.get("features"), "features"),
                limits(doc.get("limits")),
                optionalTimestamp(doc, "issued_at"),
                requiredTimestamp(doc, "expires_at"),
                metadata(doc.get("metadata")));
    }

    public static List<Feature> features(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new ShapeError(path + " must be an array, not " + kind(value));
        }
        List<Feature> features = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            features.add(feature(items.get(i), path + "[" + i + "]"));
        }
        return features;
    }

    private static Feature feature(Object value, String path) {
        Map<String, Object> doc = object(value, path);
        return new Feature(
                requiredString(doc, "name", path),
                requiredBoolean(doc, "entitled", path),
                optionalInt(doc, "units", path).orElse(Feature.UNITS_NOT_APPLICABLE),
                optionalString(doc, "description", path).orElse(""),
                optionalObject(doc, "metadata", path));
    }

    private static Limits limits(Object value) {
        if (value == null) {
            return Limits.unlimited();
        }
        Map<String, Object> doc = object(value, "limits");
        try {
            return new Limits(
                    optionalInt(doc, "max_servers", "limits").orElse(Limits.UNLIMITED),
                    optionalInt(doc, "max_users", "limits").orElse(Limits.UNLIMITED),
                    optionalInt(doc, "data_retention_days", "limits").orElse(Limits.UNLIMITED));
        } catch (IllegalArgumentException e) {
            throw new ShapeError("limits." + e.getMessage());
        }
    }

    private static LicenseMetadata metadata(Object value) {
        if (value == null) {
            return LicenseMetadata.none();
        }
        Map<String, Object> doc = object(value, "metadata");
        return new LicenseMetadata(
                optionalString(doc, "server_id", "metadata"),
                optionalString(doc, "support_tier", "metadata"),
                optionalObject(doc, "custom_fields", "metadata"));
    }

    public static String requiredString(Map<String, Object> doc, String name) {
        return requiredString(doc, name, "");
    }

    private static String requiredString(Map<String, Object> doc, String name, String path) {
        return optionalString(doc, name, path).orElseThrow(() -> missing(path, name));
    }

    public static Optional<String> optionalString(Map<String, Object> doc, String name) {
        return optionalString(doc, name, "");
    }

    private static Optional<String> optionalString(Map<String, Object> doc, String name, String path) {
        Object value = doc.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw new ShapeError(qualified(path, name) + " must be a string, not " + kind(value));
    }

    public static boolean requiredBoolean(Map<String, Object> doc, String name) {
        return requiredBoolean(doc, name, "");
    }

    private static boolean requiredBoolean(Map<String, Object> doc, String name, String path) {
        Object value = doc.get(name);
        if (value == null) {
            throw missing(path, name);
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ShapeError(qualified(path, name) + " must be true or false, not " + kind(value));
    }

    private static Optional<Integer> optionalInt(Map<String, Object> doc, String name, String path) {
        Object value = doc.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof BigDecimal number) {
            // stripTrailingZeros first: 1E+999999999 must not be expanded digit by digit.
            BigDecimal plain = number.stripTrailingZeros();
            if (plain.scale() <= 0 && plain.precision() - plain.scale() <= 10) {
                try {
                    return Optional.of(plain.intValueExact());
                } catch (ArithmeticException e) {
                    // falls through to the range message
                }
            }
            throw new ShapeError(qualified(path, name) + " must be a whole number in the int range");
        }
        throw new ShapeError(qualified(path, name) + " must be a number, not " + kind(value));
    }

    private static Map<String, Object> optionalObject(Map<String, Object> doc, String name, String path) {
        Object value = doc.get(name);
        return value == null ? Map.of() : object(value, qualified(path, name));
    }

    public static Instant requiredTimestamp(Map<String, Object> doc, String name) {
        return optionalTimestamp(doc, name).orElseThrow(() -> missing("", name));
    }

    public static Optional<Instant> optionalTimestamp(Map<String, Object> doc, String name) {
        return optionalString(doc, name).map(text -> timestamp(name, text));
    }

    /** ISO-8601 with an offset, or without one meaning UTC (Python's {@code isoformat()}). */
    private static Instant timestamp(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ShapeError(name + " must be an ISO-8601 timestamp, not \"" + Json.printable(text) + "\"");
            }
        }
    }

    private static ShapeError missing(String path, String name) {
        return new ShapeError(qualified(path, name) + " is missing");
    }

    private static String qualified(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map -> "an object";
            case List<?> list -> "an array";
            case String s -> "a string";
            case BigDecimal d -> "a number";
            case Boolean b -> "a boolean";
            default -> value.getClass().getSimpleName();
        };
    }
}
