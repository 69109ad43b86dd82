package io.waddleperf.api.sessions.internal;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the session list and export, parsed from query parameters all at once so a bad
 * request hears about every bad parameter. {@code from} is inclusive, {@code to} exclusive, both
 * on {@code startedAt}; {@code client} is an address or a CIDR block; {@code origin} is {@code
 * run} for sessions of runs the API dispatched, {@code outside} for every other client's.
 */
public record SessionFilter(
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable ClientRange client,
        @Nullable String outcome,
        @Nullable String direction,
        @Nullable String protocol,
        @Nullable String origin) {

    public static final String ORIGIN_RUN = "run";
    public static final Set<String> ORIGINS = Set.of(ORIGIN_RUN, "outside");
    public static final Set<String> OUTCOMES = Set.of("ok", "refused", "error");
    public static final Set<String> DIRECTIONS = Set.of("upload", "download", "bidir");
    public static final Set<String> PROTOCOLS = Set.of("tcp", "udp");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String INSTANT = "is not an ISO-8601 instant such as 2026-11-22T10:00:00Z";

    /** Every address of a block, as the 4 or 16 bytes stored in {@code client_ip}. */
    public record ClientRange(byte[] low, byte[] high) {

        static ClientRange parse(String text) {
            String[] parts = text.strip().split("/", -1);
            if (parts.length > 2 || !SessionReports.ipLiteral(parts[0])) {
                throw new IllegalArgumentException(text);
            }
            byte[] address = SessionStore.ipBytes(parts[0]);
            int bits = address.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(text);
            }
            byte[] low = address.clone();
            byte[] high = address.clone();
            for (int bit = prefix; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                low[bit / 8] &= (byte) ~mask;
                high[bit / 8] |= (byte) mask;
            }
            return new ClientRange(low, high);
        }
    }

    /** Where the next page starts: strictly after this (startedAt, id) in newest-first order. */
    public record Cursor(Instant startedAt, UUID id) {

        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((startedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            return new Cursor(Instant.parse(plain.substring(0, bar)), UUID.fromString(plain.substring(bar + 1)));
        }
    }

    public record Page(
            SessionFilter filter, int limit, @Nullable Cursor cursor) {}

    /** Filters only (the export); {@code errors} may already hold problems with other parameters. */
    public static SessionFilter parse(Map<String, String> params, List<FieldError> errors) {
        return parse(params, errors, false).filter();
    }

    public static Page parsePage(Map<String, String> params) {
        return parse(params, new ArrayList<>(), true);
    }

    private static Page parse(Map<String, String> params, List<FieldError> errors, boolean paged) {
        SessionFilter filter = new SessionFilter(
                value(params, "from", Instant::parse, INSTANT, errors),
                value(params, "to", Instant::parse, INSTANT, errors),
                value(
                        params,
                        "client",
                        ClientRange::parse,
                        "must be an IP address or a CIDR block such as 203.0.113.0/24",
                        errors),
                value(params, "outcome", t -> oneOf(t, OUTCOMES), "must be one of " + sorted(OUTCOMES), errors),
                value(params, "direction", t -> oneOf(t, DIRECTIONS), "must be one of " + sorted(DIRECTIONS), errors),
                value(params, "protocol", t -> oneOf(t, PROTOCOLS), "must be one of " + sorted(PROTOCOLS), errors),
                value(params, "origin", t -> oneOf(t, ORIGINS), "must be one of " + sorted(ORIGINS), errors));
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
                    .sorted(Comparator.comparing(FieldError::field))
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
