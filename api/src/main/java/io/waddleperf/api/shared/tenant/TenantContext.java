package io.waddleperf.api.shared.tenant;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The organisation the current thread works for. Every entity with a {@code @TenantId org_id} is
 * read and written through Hibernate's tenant filter with this value, so tenant scoping lives here
 * and in {@link TenantIdentifierResolver}, not in each query.
 *
 * <p>Fail closed: with nothing set, queries match no tenant rows. Code that legitimately works
 * across organisations (sign-in, "my organisations", platform jobs) says so with {@link
 * #asPlatform(Supplier)}. Set it before a transaction starts: Hibernate reads it when it opens the
 * session.
 */
public final class TenantContext {

    /** Matches no row: ids are UUIDv7, never all zeros. */
    static final UUID NONE = new UUID(0L, 0L);
    /** Hibernate's "root" tenant: no filter. */
    static final UUID PLATFORM = new UUID(-1L, -1L);

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    /** Runs {@code work} scoped to one organisation. */
    public static <T> T as(UUID orgId, Supplier<T> work) {
        return with(orgId, work);
    }

    /** Runs {@code work} across all organisations; only for platform-level code paths. */
    public static <T> T asPlatform(Supplier<T> work) {
        return with(PLATFORM, work);
    }

    /** Binds the request's organisation until {@link #clear()}; for the web layer. */
    public static void set(UUID orgId) {
        CURRENT.set(orgId);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** The organisation the current thread works for; empty with none set or across all of them. */
    public static Optional<UUID> organisation() {
        UUID orgId = CURRENT.get();
        return orgId == null || orgId.equals(PLATFORM) ? Optional.empty() : Optional.of(orgId);
    }

    static UUID current() {
        UUID orgId = CURRENT.get();
        return orgId == null ? NONE : orgId;
    }

    private static <T> T with(UUID orgId, Supplier<T> work) {
        UUID previous = CURRENT.get();
        CURRENT.set(orgId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
