package io.waddleperf.api.results.internal;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the result list and export, parsed from query parameters all at once so a bad
 * request hears about every bad parameter. {@code from} is inclusive, {@code to} exclusive, both
 * on {@code finishedAt}.
 */
public record ResultFilter(
        @Nullable UUID testId,
        @Nullable UUID nodeId,
        @Nullable String target,
        @Nullable Integer tier,
        @Nullable String status,
        @Nullable String verdict,
        @Nullable String type,
        @Nullable Instant from,
        @Nullable Instant to) {

    public static final Set<String> TYPES =
            Set.of("tcp_connect", "udp_echo", "http", "dns", "ssh", "throughput", "speedtest");
    public static final Set<String> STATUSES = Set.of("succeeded", "failed", "timed_out", "canceled", "skipped");
    static final Set<String> VERDICTS = Set.of(Verdicts.OK, Verdicts.BREACH);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** Where the next page starts: strictly after this (finishedAt, id) in newest-first order. */
    public record Cursor(Instant finishedAt, UUID id) {

        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((finishedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            return new Cursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1)));
        }
    }

    /** A page request: filter, page size and where to start. */
    public record Page(
            ResultFilter filter, int limit, @Nullable Cursor cursor) {}

    /** Filters only (the export); {@code errors} may already hold problems with other parameters. */
    public static ResultFilter parse(Map<String, String> params, List<FieldError> errors) {
        return parse(params, errors, false).filter();
    }

    public static Page parsePage(Map<String, String> params) {
        return parse(params, new ArrayList<>(), true);
    }

    private static Page parse(Map<String, String> params, List<FieldError> errors, boolean paged) {
        ResultFilter filter = new ResultFilter(
                value(params, "testId", UUID::fromString, "is not a valid uuid", errors),
                value(params, "nodeId", UUID::fromString, "is not a valid uuid", errors),
                value(params, "target", t -> checkLength(t, 2048), "must be 1 to 2048 characters", errors),
                value(params, "tier", ResultFilter::tier, "must be 1, 2 or 3", errors),
                value(params, "status", t -> oneOf(t, STATUSES), "must be one of " + sorted(STATUSES), errors),
                value(params, "verdict", t -> oneOf(t, VERDICTS), "must be ok or breach", errors),
                value(params, "type", t -> oneOf(t, TYPES), "must be one of " + sorted(TYPES), errors),
                value(
                        params,
                        "from",
                        Instant::parse,
                        "is not an ISO-8601 instant such as 2026-11-22T10:00:00Z",
                        errors),
                value(params, "to", Instant::parse, "is not an ISO-8601 instant such as 2026-11-22T10:00:00Z", errors));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            errors.add(new FieldError("to", "must be after from"));
        }
        int limit = DEFAULT_LIMIT;
        Cursor cursor = null;
        if (paged) {
            Integer parsed = value(params, "limit", Integer::valueOf, "must be a whole number from 1 to 500", errors);
            if (parsed != null) {
                if (parsed < 1 || parsed > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be a whole number from 1 to 500"));
                } else {
                    limit = parsed;
                }
            }
            cursor = value(params, "cursor", Cursor::decode, "is not a cursor this API handed out", errors);
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors.stream()
                    .sorted(java.util.Comparator.comparing(FieldError::field))
                    .toList());
        }
        return new Page(filter, limit, cursor);
    }

    private static <T> @Nullable T value(
            Map<String, String> params,
            String name,
            Function<String, T> parser,
            String message,
            List<FieldError> errors) {
        String text = params.get(name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            errors.add(new FieldError(name, message));
            return null;
        }
    }

    private static String checkLength(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            throw new IllegalArgumentException("length");
        }
        return text;
    }

    private static Integer tier(String text) {
        int tier = Integer.parseInt(text);
        if (tier < 1 || tier > 3) {
            throw new IllegalArgumentException("tier");
        }
        return tier;
    }

    private static String oneOf(String text, Set<String> allowed) {
        if (!allowed.contains(text)) {
            throw new IllegalArgumentException(text);
        }
        return text;
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
