package io.waddleperf.license;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.waddleperf.license.LicenseServerStub.FEATURES;
import static io.waddleperf.license.LicenseServerStub.VALIDATE;
import static io.waddleperf.license.LicenseServerStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.license.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the client behaves while the license server is down, slow or overloaded: grace, failing
 * closed, retries, the circuit breaker and single flight. Time moves by the test's clock; only the
 * timeout tests spend real time, bounded by the client's call timeout.
 */
class LicenseClientOutageIT {

    private static final String KEY =
            LicenseKey.withChecksum("PENG-GRCE-0000-0000-0072").value();
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofHours(72);

    private final LicenseServerStub server = new LicenseServerStub();
    private final MutableClock clock = new MutableClock(START);
    private final List<LicenseClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(LicenseClient::close);
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429})
    void keepsTheLastGoodAnswerThroughServerErrorsAfterRetrying(int status) {
        LicenseClient client = client(3);
        License good = warmUp(client);
        server.answer(VALIDATE, json(status, Map.of("error", "try later")));
        clock.advance(TTL);

        assertThat(client.validate()).isEqualTo(good);

        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1 + 3);
        LicenseStatus status1 = client.status();
        assertThat(status1.inGrace()).isTrue();
        assertThat(status1.license()).contains(good);
        assertThat(status1.lastSuccess()).contains(START);
        assertThat(status1.lastCheck()).contains(START.plus(TTL));
        assertThat(status1.graceEndsAt()).contains(START.plus(GRACE));
        assertThat(status1.lastFailure())
                .hasValueSatisfying(failure ->
                        assertThat(failure).contains("HTTP " + status).contains("try later"));
    }

    @Test
    void duringGraceTheServerIsAskedAgainOncePerCachePeriod() {
        LicenseClient client = client(1);
        License good = warmUp(client);
        server.answer(VALIDATE, aResponse().withStatus(503));
        clock.advance(TTL);

        for (int i = 0; i < 10; i++) {
            assertThat(client.validate()).isEqualTo(good);
        }
        clock.advance(TTL);
        assertThat(client.validate()).isEqualTo(good);

        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1 + 2);
        assertThat(client.statistics().graceAnswers()).isEqualTo(11);
    }

    @Test
    void keepsTheLastGoodAnswerWhenTheServerDoesNotAnswerInTime() {
        LicenseClient client = builder()
                // Long enough for the very first request on a cold JVM, far shorter than the server's delay.
                .callTimeout(Duration.ofSeconds(1))
                .retries(2, Duration.ofMillis(1))
                .build();
        clients.add(client);
        License good = warmUp(client);
        server.answer(VALIDATE, json(200, "{}").withFixedDelay(10_000));
        clock.advance(TTL);

        long started = System.nanoTime();
        License answer = client.validate();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer).isEqualTo(good);
        assertThat(waited).isLessThan(client.maxBlocking().plus(Duration.ofSeconds(1)));
        assertThat(client.maxBlocking()).isLessThan(Duration.ofMillis(2_010));
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1 + 2);
        assertThat(client.status().lastFailure())
                .hasValueSatisfying(
                        failure -> assertThat(failure).contains("did not answer /api/v2/validate within PT1S"));
    }

    @Test
    void keepsTheLastGoodAnswerWhenTheServerCannotBeReached() {
        LicenseClient client = client(2);
        License good = warmUp(client);
        String unreachable = server.baseUrl();
        server.stop();
        clock.advance(TTL);

        assertThat(client.validate()).isEqualTo(good);
        assertThat(client.status().inGrace()).isTrue();
        assertThat(client.status().lastFailure())
                .hasValueSatisfying(
                        failure -> assertThat(failure).startsWith("cannot reach the license server at " + unreachable));
    }

    @Test
    void treatsAnUnreadableAnswerAsAnOutageNotAVerdict() {
        LicenseClient client = client(1);
        License good = warmUp(client);
        server.answer(VALIDATE, aResponse().withStatus(200).withBody("<html>captive portal</html>"));
        clock.advance(TTL);

        assertThat(client.validate()).isEqualTo(good);
        assertThat(client.status().lastFailure())
                .hasValueSatisfying(failure -> assertThat(failure)
                        .startsWith("license server answer is unreadable: expected a JSON value at offset 0"));
    }

    @Test
    void failsClosedOnceTheGracePeriodIsOver() {
        LicenseClient client = client(1);
        License good = warmUp(client);
        server.answer(VALIDATE, aResponse().withStatus(503));

        clock.advance(GRACE.minus(Duration.ofHours(1)));
        assertThat(client.validate()).isEqualTo(good);
        assertThat(client.status().inGrace()).isTrue();

        clock.set(START.plus(GRACE));
        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseServerUnavailable.class)
                .hasMessageContaining("license server answered HTTP 503 to /api/v2/validate")
                .hasMessageContaining(
                        "grace period for the last good answer (obtained " + START + ") ended at " + START.plus(GRACE));
        LicenseStatus status = client.status();
        assertThat(status.inGrace()).isFalse();
        assertThat(status.license()).isEmpty();
        assertThat(status.graceEndsAt()).contains(START.plus(GRACE));

        answerGood();
        assertThat(client.validate()).isEqualTo(good);
        assertThat(client.status().inGrace()).isFalse();
    }

    @Test
    void withoutAnyGoodAnswerAnOutageFailsAtOnce() {
        LicenseClient client = client(2);
        server.answer(VALIDATE, aResponse().withStatus(502));

        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseServerUnavailable.class)
                .hasMessage("license server answered HTTP 502 to /api/v2/validate");
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(2);
    }

    @Test
    void aFeatureQuestionDuringAnOutageIsAnsweredFromTheLastValidation() {
        LicenseClient client = client(1);
        warmUp(client);
        server.answer(FEATURES, aResponse().withStatus(503));

        assertThat(client.features("tier3").entitled()).isTrue();
        assertThat(client.features("autoperf").entitled()).isFalse();
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndClosesItAfterASuccessfulTrial() {
        LicenseClient client = builder()
                .retries(1, Duration.ofMillis(1))
                .circuitBreaker(2, Duration.ofSeconds(30))
                .build();
        clients.add(client);
        server.answer(VALIDATE, aResponse().withStatus(503));

        assertThatThrownBy(client::validate).isInstanceOf(LicenseServerUnavailable.class);
        assertThatThrownBy(client::validate).isInstanceOf(LicenseServerUnavailable.class);
        assertThat(client.statistics().circuitState()).isEqualTo("OPEN");

        assertThatThrownBy(client::validate)
                .isInstanceOf(LicenseServerUnavailable.class)
                .hasMessageContaining("circuit breaker opened after repeated failures");
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(2);

        server.answerValid(Tier.COMMUNITY, List.of(), LicenseServerStub.EXPIRES);
        clock.advance(Duration.ofSeconds(31));
        assertThat(client.validate().tier()).isEqualTo(Tier.COMMUNITY);
        assertThat(client.statistics().circuitState()).isEqualTo("CLOSED");
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(3);
    }

    @Test
    void rejectionsDoNotOpenTheCircuit() {
        LicenseClient client = builder()
                .retries(1, Duration.ofMillis(1))
                .circuitBreaker(2, Duration.ofSeconds(30))
                .cacheTtl(Duration.ofSeconds(1))
                .build();
        clients.add(client);
        server.answer(VALIDATE, json(401, Map.of("error", "unknown key")));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(client::validate).isInstanceOf(LicenseRejected.class);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(client.statistics().circuitState()).isEqualTo("CLOSED");
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(4);
    }

    @Test
    void fiftyCallersDuringAnOutageShareOneRequest() throws Exception {
        LicenseClient client = client(1);
        License good = warmUp(client);
        // The delay keeps the one request in flight while the other callers arrive.
        server.answer(VALIDATE, aResponse().withStatus(503).withFixedDelay(500));
        clock.advance(TTL);

        List<License> answers = callConcurrently(client, 50);

        assertThat(answers).hasSize(50).containsOnly(good);
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1 + 1);
        LicenseCallStatistics statistics = client.statistics();
        assertThat(statistics.requestsSent()).isEqualTo(2);
        assertThat(statistics.coalescedCallers() + statistics.cacheHits()).isEqualTo(49);
        assertThat(statistics.graceAnswers()).isEqualTo(50);
        assertThat(client.status().inGrace()).isTrue();
    }

    @Test
    void fiftyCallersOnAnExpiredCacheShareOneRequest() throws Exception {
        LicenseClient client = client(1);
        warmUp(client);
        server.answer(
                VALIDATE,
                json(200, LicenseServerStub.validAnswer(Tier.ENTERPRISE, List.of("sso"), LicenseServerStub.EXPIRES))
                        .withFixedDelay(500));
        clock.advance(TTL);

        List<License> answers = callConcurrently(client, 50);

        assertThat(answers)
                .hasSize(50)
                .allSatisfy(license -> assertThat(license.tier()).isEqualTo(Tier.ENTERPRISE));
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1 + 1);
        LicenseCallStatistics statistics = client.statistics();
        assertThat(statistics.coalescedCallers() + statistics.cacheHits()).isEqualTo(49);
        assertThat(statistics.graceAnswers()).isZero();
    }

    private List<License> callConcurrently(LicenseClient client, int callers) throws Exception {
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<License>> pending = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                pending.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client.validate();
                }));
            }
            List<License> answers = new ArrayList<>();
            for (Future<License> answer : pending) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private License warmUp(LicenseClient client) {
        answerGood();
        License good = client.validate();
        assertThat(server.requestsTo(VALIDATE)).isEqualTo(1);
        return good;
    }

    private void answerGood() {
        server.answerValid(Tier.PROFESSIONAL, List.of("tier3", "api_keys", "geo_heatmap"), LicenseServerStub.EXPIRES);
    }

    private LicenseClient client(int attempts) {
        LicenseClient client = builder().retries(attempts, Duration.ofMillis(1)).build();
        clients.add(client);
        return client;
    }

    private LicenseClient.Builder builder() {
        return LicenseClient.builder(KEY).baseUrl(server.baseUrl()).clock(clock).callTimeout(Duration.ofSeconds(5));
    }
}
