package io.waddleperf.api.results;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** How many results per second each ingest path stores; printed, not asserted (shared machines). */
@ApiIntegrationTest
class ResultIngestRateIT {

    static final int RESULTS = 2_000;
    static final int CLIENTS = 4;

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void measuresIngestThroughHttp() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        Org org = new Fixtures(http).createOrg("Ingest rate " + UUID.randomUUID());
        String auth = bearer(org.adminToken());
        String finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        AtomicInteger created = new AtomicInteger();

        double seconds = concurrently(i -> {
            String body = "{\"type\":\"udp_echo\",\"target\":\"192.0.2.7:2000\",\"tier\":1,\"status\":\"succeeded\","
                    + "\"finishedAt\":\"" + finishedAt + "\",\"summary\":{\"lossPercent\":0.0,\"jitterMillis\":1.2,"
                    + "\"rtt\":{\"samples\":10,\"avg\":10.5,\"p50\":10.1,\"p95\":14.2,\"p99\":15.0}},"
                    + "\"samples\":[{\"second\":0,\"values\":{\"rttMillis\":10.1}}]}";
            int status = http.post(
                            "/api/v1/orgs/" + org.id() + "/results",
                            body,
                            "Authorization",
                            auth,
                            "Idempotency-Key",
                            "rate-" + i)
                    .status();
            if (status == 201) {
                created.incrementAndGet();
            }
        });

        assertThat(created.get()).isEqualTo(RESULTS);
        assertThat(count(org.id())).isEqualTo(RESULTS);
        System.out.printf(
                "Ingest via POST /results: %,d results from %d clients in %.1f s = %,.0f results/s%n",
                RESULTS, CLIENTS, seconds, RESULTS / seconds);
    }

    @Test
    void measuresIngestThroughRunFinished() throws Exception {
        Org org = new Fixtures(new HttpTestClient(port)).createOrg("Event rate " + UUID.randomUUID());
        RunEvents events = new RunEvents(publisher, transactions);
        Instant finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        double seconds =
                concurrently(i -> events.publish(RunEvents.udpEcho(org.id(), Ids.newId(), finishedAt, 14.2, 0)));

        assertThat(count(org.id())).isEqualTo(RESULTS);
        System.out.printf(
                "Ingest via RunFinished: %,d results from %d threads in %.1f s = %,.0f results/s%n",
                RESULTS, CLIENTS, seconds, RESULTS / seconds);
    }

    interface Work {
        void run(int index) throws Exception;
    }

    private double concurrently(Work work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = next.getAndIncrement(); i < RESULTS; i = next.getAndIncrement()) {
                                try {
                                    work.run(i);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        },
                        pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private Integer count(UUID orgId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM results WHERE org_id = ?", Integer.class, orgId.toString());
    }
}
