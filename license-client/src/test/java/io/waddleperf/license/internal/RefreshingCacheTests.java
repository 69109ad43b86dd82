package io.waddleperf.license.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waddleperf.license.LicenseRejected;
import io.waddleperf.license.LicenseServerUnavailable;
import io.waddleperf.license.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RefreshingCacheTests {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofHours(72);

    private final MutableClock clock = new MutableClock(START);
    private final CallCounters counters = new CallCounters();
    private final RefreshingCache<String> cache =
            new RefreshingCache<>(clock, TTL, GRACE, Duration.ofSeconds(10), counters);
    private final AtomicInteger fetches = new AtomicInteger();

    @Test
    void servesTheAnswerFromTheCacheUntilItIsStale() {
        assertThat(cache.get(answering("v1"))).isEqualTo("v1");
        clock.advance(TTL.minusSeconds(1));
        assertThat(cache.get(answering("v2"))).isEqualTo("v1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(answering("v2"))).isEqualTo("v2");

        assertThat(fetches).hasValue(2);
        assertThat(counters.cacheHits()).isEqualTo(1);
    }

    @Test
    void bridgesAnOutageWithTheLastGoodAnswerAndAsksAgainOncePerTtl() {
        cache.get(answering("good"));
        clock.advance(Duration.ofHours(1));

        assertThat(cache.get(unavailable())).isEqualTo("good");
        assertThat(cache.get(unavailable())).isEqualTo("good");
        clock.advance(TTL);
        assertThat(cache.get(unavailable())).isEqualTo("good");

        assertThat(fetches).hasValue(3);
        assertThat(counters.graceAnswers()).isEqualTo(3);
        RefreshingCache.Snapshot<String> snapshot = cache.snapshot();
        assertThat(snapshot.inGrace()).isTrue();
        assertThat(snapshot.answer()).contains("good");
        assertThat(snapshot.lastSuccess()).contains(START);
        assertThat(snapshot.lastCheck())
                .contains(START.plus(Duration.ofHours(1)).plus(TTL));
        assertThat(snapshot.graceEndsAt()).contains(START.plus(GRACE));
        assertThat(snapshot.lastFailure()).contains("server down");
    }

    @Test
    void neverServesTheLastGoodAnswerPastTheGracePeriod() {
        cache.get(answering("good"));
        clock.advance(GRACE.minus(Duration.ofMinutes(1)));
        assertThat(cache.get(unavailable())).isEqualTo("good");

        // The retry interval is capped at the end of grace, so the next call asks and fails closed.
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> cache.get(unavailable()))
                .isInstanceOf(LicenseServerUnavailable.class)
                .hasMessageContaining(
                        "grace period for the last good answer (obtained " + START + ") ended at " + START.plus(GRACE))
                .hasCauseInstanceOf(LicenseServerUnavailable.class);
        assertThat(cache.snapshot().answer()).isEmpty();
        assertThat(cache.snapshot().inGrace()).isFalse();

        assertThat(cache.get(answering("renewed"))).isEqualTo("renewed");
        assertThat(cache.snapshot().inGrace()).isFalse();
    }

    @Test
    void anOutageWithoutAnyGoodAnswerFailsAtOnce() {
        assertThatThrownBy(() -> cache.get(unavailable()))
                .isInstanceOf(LicenseServerUnavailable.class)
                .hasMessage("server down");
        assertThatThrownBy(() -> cache.get(unavailable())).isInstanceOf(LicenseServerUnavailable.class);

        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRejectionDiscardsTheLastGoodAnswerAndIsCachedItself() {
        cache.get(answering("good"));
        clock.advance(TTL);

        assertThatThrownBy(() -> cache.get(rejected())).isInstanceOf(LicenseRejected.class);
        assertThatThrownBy(() -> cache.get(answering("ignored"))).isInstanceOf(LicenseRejected.class);
        clock.advance(TTL);
        // No grace after a rejection: an outage now fails closed.
        assertThatThrownBy(() -> cache.get(unavailable())).isInstanceOf(LicenseServerUnavailable.class);

        assertThat(fetches).hasValue(3);
        assertThat(cache.snapshot().answer()).isEmpty();
        assertThat(cache.snapshot().graceEndsAt()).isEmpty();
    }

    @Test
    void aRejectionReportedByAnotherQuestionDiscardsTheCachedAnswer() {
        cache.get(answering("good"));

        cache.reject(new LicenseRejected(401, "unknown key"));

        assertThatThrownBy(() -> cache.get(answering("ignored")))
                .isInstanceOf(LicenseRejected.class)
                .hasMessageContaining("unknown key");
        assertThat(cache.lastGoodWithinGrace()).isEmpty();
    }

    @Test
    void concurrentCallersOnAStaleCacheShareOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> cache.get(blockedUntil(release, "shared"))));
            }
            // Hold the one fetch until every other caller is provably waiting on it.
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.coalesced() == callers - 1);
            release.countDown();

            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aCallerThatGivesUpWaitingGetsTheGraceAnswer() throws Exception {
        RefreshingCache<String> impatient = new RefreshingCache<>(clock, TTL, GRACE, Duration.ofMillis(50), counters);
        impatient.get(answering("good"));
        clock.advance(TTL);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> leader = pool.submit(() -> impatient.get(blockedUntil(release, "late")));
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches.get() == 2);

            assertThat(impatient.get(answering("never asked"))).isEqualTo("good");

            release.countDown();
            assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("late");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLeaderPassesItsFailureToTheWaitingCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> leader = pool.submit(() -> cache.get(() -> {
                blockedUntil(release, "unused").get();
                throw new LicenseServerUnavailable("server down");
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches.get() == 1);
            Future<String> follower = pool.submit(() -> cache.get(answering("never asked")));
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.coalesced() == 1);
            release.countDown();

            assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LicenseServerUnavailable.class);
            assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LicenseServerUnavailable.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches).hasValue(1);
    }

    private Supplier<String> answering(String value) {
        return () -> {
            fetches.incrementAndGet();
            return value;
        };
    }

    private Supplier<String> unavailable() {
        return () -> {
            fetches.incrementAndGet();
            throw new LicenseServerUnavailable("server down");
        };
    }

    private Supplier<String> rejected() {
        return () -> {
            fetches.incrementAndGet();
            throw new LicenseRejected(403, "revoked");
        };
    }

    private Supplier<String> blockedUntil(CountDownLatch release, String value) {
        return () -> {
            fetches.incrementAndGet();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the fetch");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return value;
        };
    }
}
