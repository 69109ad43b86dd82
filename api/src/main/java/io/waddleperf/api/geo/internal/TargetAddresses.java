package io.waddleperf.api.geo.internal;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A probe target's host name to the address it resolves to, for placing the target on a map.
 * Each name is looked up once per {@code ttl} on a virtual thread and the answer, or its absence,
 * is cached; a caller waits at most {@code wait} for a name not yet known and otherwise gets
 * "unknown" at once (the lookup goes on and its answer serves the next result). So a slow or
 * dead resolver costs a result's transaction at most {@code wait}, once per name and TTL, and
 * never an error.
 */
final class TargetAddresses implements AutoCloseable {

    /** The resolver; the JDK's by default, a table in tests. */
    interface Lookup {
        InetAddress lookup(String host) throws UnknownHostException;
    }

    private final Duration wait;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AsyncLoadingCache<String, Optional<String>> cache;

    TargetAddresses(Lookup lookup, Duration wait, Duration ttl, long maxNames) {
        this.wait = wait;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxNames)
                .executor(executor)
                .buildAsync(host -> {
                    try {
                        return Optional.of(lookup.lookup(host))
                                .flatMap(a -> IpLiterals.publicAddress(a.getHostAddress()))
                                .map(InetAddress::getHostAddress);
                    } catch (UnknownHostException | SecurityException e) {
                        return Optional.empty();
                    }
                });
    }

    /**
     * The public address {@code host} resolves to, or null: for an IP literal that is itself (when
     * public); a name resolving to a private, loopback or link-local address, or to nothing, or not
     * within the wait, is null.
     */
    @Nullable
    String resolve(@Nullable String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        Optional<InetAddress> literal = IpLiterals.publicAddress(host);
        if (literal.isPresent()) {
            return literal.get().getHostAddress();
        }
        if (!looksLikeHostName(host)) {
            return null;
        }
        try {
            return cache.get(host.toLowerCase(java.util.Locale.ROOT))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .orElse(null);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Letters, digits, hyphens and dots, with a dot: not an address literal, not a bare word. */
    static boolean looksLikeHostName(String host) {
        return host.length() <= 253
                && host.indexOf('.') > 0
                && host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.')
                && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
