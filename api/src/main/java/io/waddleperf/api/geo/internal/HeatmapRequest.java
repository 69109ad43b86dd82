package io.waddleperf.api.geo.internal;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A heatmap's parameters, parsed all at once so one answer names every bad one. Periods are whole
 * UTC hours, as the rollups are: {@code from} rounds down and {@code to} up to the hour.
 */
public record HeatmapRequest(
        Metric metric,
        Level level,
        Instant from,
        Instant to,
        @Nullable Side side,
        @Nullable BoundingBox bbox) {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

    public static HeatmapRequest parse(
            @Nullable String metric,
            @Nullable String level,
            @Nullable String from,
            @Nullable String to,
            @Nullable String side,
            @Nullable String bbox,
            int maxPeriodDays,
            Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        Metric m = enumValue(Metric.class, "metric", metric == null ? "latency" : metric, errors);
        Level l = enumValue(Level.class, "level", level == null ? "country" : level, errors);
        Side s = side == null ? null : enumValue(Side.class, "side", side, errors);
        Instant end = to == null ? ceilHour(clock.instant()) : instant("to", to, errors);
        Instant start = from == null ? (end == null ? null : end.minus(DEFAULT_PERIOD)) : instant("from", from, errors);
        if (start != null && end != null) {
            start = start.truncatedTo(ChronoUnit.HOURS);
            end = ceilHour(end);
            if (!start.isBefore(end)) {
                errors.add(new FieldError("to", "must be after from"));
            } else if (Duration.between(start, end).compareTo(Duration.ofDays(maxPeriodDays)) > 0) {
                errors.add(new FieldError("from", "the period may cover at most " + maxPeriodDays + " days"));
            }
        }
        BoundingBox box = bbox == null ? null : box(bbox, errors);
        if (box != null && l == Level.COUNTRY) {
            errors.add(new FieldError("bbox", "applies to the city and cell levels; countries have no single point"));
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        return new HeatmapRequest(m, l, start, end, s, box);
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(Duration.ofHours(1));
    }

    private static <E extends Enum<E>> @Nullable E enumValue(
            Class<E> type, String field, String text, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(
                    ", ",
                    Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .toList());
            errors.add(new FieldError(field, "must be one of " + allowed));
            return null;
        }
    }

    private static @Nullable Instant instant(String field, String text, List<FieldError> errors) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "is not an ISO-8601 instant such as 2026-11-22T10:00:00Z"));
            return null;
        }
    }

    private static @Nullable BoundingBox box(String text, List<FieldError> errors) {
        String[] parts = text.split(",");
        String message = "must be west,south,east,north in degrees (longitude -180..180, latitude -90..90,"
                + " south below north)";
        if (parts.length != 4) {
            errors.add(new FieldError("bbox", message));
            return null;
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("bbox", message));
                return null;
            }
            if (Double.isNaN(v[i]) || Double.isInfinite(v[i])) {
                errors.add(new FieldError("bbox", message));
                return null;
            }
        }
        boolean lonOk = Math.abs(v[0]) <= 180 && Math.abs(v[2]) <= 180;
        boolean latOk = Math.abs(v[1]) <= 90 && Math.abs(v[3]) <= 90 && v[1] <= v[3];
        if (!lonOk || !latOk) {
            errors.add(new FieldError("bbox", message));
            return null;
        }
        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }
}
