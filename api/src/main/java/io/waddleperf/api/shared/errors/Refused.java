package io.waddleperf.api.shared.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A request the application turns down on purpose. Feature code throws it (or one of its
 * subclasses) and knows nothing of HTTP; the web edge renders it as an RFC 9457 problem document:
 * the {@link Kind} decides the status, {@code slug} the stable {@code type} URI, and the
 * properties become extension members.
 */
public class Refused extends RuntimeException {

    /** Why the request was turned down, in the terms the web edge maps to a status code. */
    public enum Kind {
        /** The input is wrong; sending it again unchanged fails again. */
        INVALID,
        /** The caller's credentials are missing, wrong or expired. */
        NOT_AUTHENTICATED,
        /** The license does not cover it. */
        NOT_LICENSED,
        /** The caller is known but may not do this. */
        NOT_ALLOWED,
        /** No such thing, or not one the caller may see. */
        NOT_FOUND,
        /** It contradicts the current state. */
        CONFLICT,
        /** Well-formed, but it cannot be processed as sent. */
        UNPROCESSABLE,
        /** Too many attempts; see {@link TooManyAttempts#retryAfterSeconds()}. */
        TOO_MANY_ATTEMPTS,
        /** The body is larger than this operation takes. */
        TOO_LARGE,
        /** A part the operation needs cannot take it now; the same call may succeed later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String slug;
    private final String title;
    private final SequencedMap<String, Object> properties;

    public Refused(Kind kind, String slug, String title, String detail) {
        this(kind, slug, title, detail, Map.of());
    }

    /**
     * @param properties extra facts a client may act on, such as the feature that is not licensed;
     *     kept in the map's iteration order
     */
    protected Refused(Kind kind, String slug, String title, String detail, Map<String, ?> properties) {
        super(detail);
        this.kind = kind;
        this.slug = slug;
        this.title = title;
        this.properties = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(properties));
    }

    /** A refusal of invalid input that names no field. */
    public static Refused invalid(String slug, String detail) {
        return new Refused(Kind.INVALID, slug, "Invalid request", detail);
    }

    public Kind kind() {
        return kind;
    }

    /** Stable identifier clients may switch on; documented in docs/api.md. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public SequencedMap<String, Object> properties() {
        return properties;
    }
}
