package io.waddleperf.license.internal;

import io.waddleperf.license.LicenseCheckFailed;
import io.waddleperf.license.LicenseServerUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The last answer to one license-server question, refreshed by at most one caller at a time.
 *
 * <ul>
 *   <li>A good answer is served for {@code ttl} without asking again.
 *   <li>When the server is unavailable ({@link LicenseServerUnavailable}), the last good answer is
 *       served until {@code grace} after it was obtained, and the server is asked again at most
 *       once per {@code ttl}; afterwards the call fails closed.
 *   <li>Any other {@link LicenseCheckFailed} (rejected, expired) discards the last good answer and
 *       is itself cached for {@code ttl}, so a revoked key does not turn every call into a request.
 *   <li>Callers arriving while a refresh is running wait for its outcome instead of starting their
 *       own (single flight), for at most {@code maxWait}.
 * </ul>
 *
 * <p>The injected clock decides freshness and grace; waiting for another caller uses real time,
 * because that wait protects the caller's thread, not the license.
 */
public final class RefreshingCache<T> {

    private final Clock clock;
    private final Duration ttl;
    private final Duration grace;
    private final Duration maxWait;
    private final CallCounters counters;
    private final AtomicReference<State<T>> state = new AtomicReference<>(State.empty());
    private final AtomicReference<CompletableFuture<Served<T>>> inFlight = new AtomicReference<>();

    public RefreshingCache(Clock clock, Duration ttl, Duration grace, Duration maxWait, CallCounters counters) {
        this.clock = clock;
        this.ttl = ttl;
        this.grace = grace;
        this.maxWait = maxWait;
        this.counters = counters;
    }

    /** What {@link #snapshot()} reports; {@code answer} is what the next call could serve. */
    public record Snapshot<T>(
            Optional<T> answer,
            Optional<Instant> lastCheck,
            Optional<Instant> lastSuccess,
            boolean inGrace,
            Optional<Instant> graceEndsAt,
            Optional<String> lastFailure) {}

    public T get(Supplier<T> fetch) {
        State<T> current = state.get();
        if (current.isFreshAt(clock.instant())) {
            return serveCached(current);
        }
        CompletableFuture<Served<T>> mine = new CompletableFuture<>();
        CompletableFuture<Served<T>> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            counters.coalesced.increment();
            return await(running);
        }
        try {
            Served<T> answer = refresh(fetch);
            mine.complete(answer);
            return answer.value();
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.set(null);
        }
    }

    /** Discards the last good answer because another question showed the key is rejected. */
    public void reject(LicenseCheckFailed failure) {
        Instant now = clock.instant();
        state.set(State.rejected(failure, now, now.plus(ttl)));
    }

    public Optional<T> lastGoodWithinGrace() {
        State<T> current = state.get();
        return current.withinGraceAt(clock.instant(), grace) ? Optional.of(current.lastGood) : Optional.empty();
    }

    public Snapshot<T> snapshot() {
        State<T> s = state.get();
        Instant now = clock.instant();
        boolean withinGrace = s.withinGraceAt(now, grace);
        boolean servable = s.lastGood != null && (!s.degraded || withinGrace);
        return new Snapshot<>(
                servable ? Optional.of(s.lastGood) : Optional.empty(),
                Optional.ofNullable(s.lastCheck),
                Optional.ofNullable(s.lastSuccess),
                s.degraded && withinGrace,
                s.lastGood == null ? Optional.empty() : Optional.of(s.lastSuccess.plus(grace)),
                Optional.ofNullable(s.lastFailure));
    }

    private Served<T> refresh(Supplier<T> fetch) {
        State<T> before = state.get();
        // Another caller may have refreshed between our freshness check and taking the lead.
        if (before.isFreshAt(clock.instant())) {
            return new Served<>(serveCached(before), before.degraded);
        }
        T answer;
        try {
            answer = fetch.get();
        } catch (LicenseServerUnavailable e) {
            return fallBackToLastGood(before, e);
        } catch (LicenseCheckFailed e) {
            Instant now = clock.instant();
            state.set(State.rejected(e, now, now.plus(ttl)));
            throw e;
        }
        Instant now = clock.instant();
        state.set(new State<>(answer, now, now, now.plus(ttl), null, false, null));
        return new Served<>(answer, false);
    }

    private Served<T> fallBackToLastGood(State<T> before, LicenseServerUnavailable failure) {
        Instant now = clock.instant();
        if (before.withinGraceAt(now, grace)) {
            Instant graceEnds = before.lastSuccess.plus(grace);
            Instant askAgainAt = now.plus(ttl).isBefore(graceEnds) ? now.plus(ttl) : graceEnds;
            state.set(new State<>(
                    before.lastGood, before.lastSuccess, now, askAgainAt, null, true, failure.getMessage()));
            counters.graceAnswers.increment();
            return new Served<>(before.lastGood, true);
        }
        state.set(new State<>(before.lastGood, before.lastSuccess, now, null, null, true, failure.getMessage()));
        if (before.lastGood != null) {
            throw new LicenseServerUnavailable(
                    failure.getMessage() + "; the grace period for the last good answer (obtained " + before.lastSuccess
                            + ") ended at " + before.lastSuccess.plus(grace),
                    failure);
        }
        throw failure;
    }

    private T serveCached(State<T> cached) {
        counters.cacheHits.increment();
        if (cached.rejection != null) {
            throw cached.rejection;
        }
        if (cached.degraded) {
            counters.graceAnswers.increment();
        }
        return cached.lastGood;
    }

    private T await(CompletableFuture<Served<T>> running) {
        try {
            Served<T> served = running.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            if (served.grace()) {
                counters.graceAnswers.increment();
            }
            return served.value();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            State<T> current = state.get();
            if (current.withinGraceAt(clock.instant(), grace)) {
                counters.graceAnswers.increment();
                return current.lastGood;
            }
            throw new LicenseServerUnavailable(
                    "gave up after " + maxWait + " waiting for the license check already in progress", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LicenseServerUnavailable("interrupted while waiting for the license check in progress", e);
        }
    }

    /** What a refresh hands to the callers waiting on it, so they count grace answers too. */
    private record Served<T>(T value, boolean grace) {}

    /**
     * One immutable snapshot, swapped atomically so readers never see half an update.
     *
     * @param freshUntil until when the cached outcome is served without asking; null means ask now
     * @param rejection a cached fail-closed answer; when set there is no last good answer
     * @param degraded the last attempt failed because the server was unavailable
     */
    private record State<T>(
            T lastGood,
            Instant lastSuccess,
            Instant lastCheck,
            Instant freshUntil,
            LicenseCheckFailed rejection,
            boolean degraded,
            String lastFailure) {

        static <T> State<T> empty() {
            return new State<>(null, null, null, null, null, false, null);
        }

        static <T> State<T> rejected(LicenseCheckFailed failure, Instant now, Instant until) {
            return new State<>(null, null, now, until, failure, false, failure.getMessage());
        }

        boolean isFreshAt(Instant now) {
            return freshUntil != null && now.isBefore(freshUntil);
        }

        boolean withinGraceAt(Instant now, Duration grace) {
            return lastGood != null && now.isBefore(lastSuccess.plus(grace));
        }
    }
}
