package io.waddleperf.api.results;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@ApiIntegrationTest
class ResultsIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String auth;
    RunEvents events;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Results " + UUID.randomUUID());
        auth = bearer(org.adminToken());
        events = new RunEvents(publisher, transactions);
    }

    @Test
    void storesAFinishedRunOnceWithItsSamplesAndVerdict() {
        UUID runId = Ids.newId();
        Instant finished = Instant.parse("2026-11-20T10:00:00Z");
        RunFinished event = RunEvents.udpEcho(org.id(), runId, finished, 150.0, 7.5);

        events.publish(event);
        events.publish(event);

        JsonNode page = list("");
        assertThat(page.path("items")).hasSize(1);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("runId").asString()).isEqualTo(runId.toString());
        assertThat(item.path("type").asString()).isEqualTo("udp_echo");
        assertThat(item.path("nodeName").asString()).isEqualTo("edge-1");
        assertThat(item.path("tier").asInt()).isEqualTo(1);
        assertThat(item.path("latencyP95Ms").asDouble()).isEqualTo(150.0);
        assertThat(item.path("latencyAvgMs").asDouble()).isEqualTo(75.0);
        assertThat(item.path("lossPercent").asDouble()).isEqualTo(7.5);
        assertThat(item.path("jitterMs").asDouble()).isEqualTo(3.5);
        assertThat(item.path("finishedAt").asString()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(item.path("verdict").asString()).isEqualTo("breach");
        assertThat(item.path("breaches").valueStream().map(b -> b.path("metric").asString()))
                .containsExactly("latencyMs", "lossPercent");
        assertThat(item.path("breaches").get(0).path("threshold").asDouble()).isEqualTo(100.0);
        assertThat(item.path("summary").path("rtt").path("p99").asDouble()).isEqualTo(151.0);
        assertThat(item.has("samples")).isFalse();
        assertThat(page.path("nextCursor").isNull()).isTrue();

        JsonNode detail = get("/results/" + item.path("id").asString()).json();
        assertThat(detail.path("samples")).hasSize(2);
        assertThat(detail.path("samples").get(1).path("second").asInt()).isEqualTo(1);
        assertThat(detail.path("samples")
                        .get(1)
                        .path("values")
                        .path("rttMillis")
                        .asDouble())
                .isEqualTo(5.1);
    }

    @Test
    void refusesARunEventPublishedOutsideItsOrganisationOrTransaction() {
        RunFinished event = RunEvents.udpEcho(org.id(), Instant.now());

        assertThatThrownBy(() -> TenantContext.asPlatform(() -> transactions.execute(status -> {
                    publisher.publishEvent(event);
                    return null;
                })))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TenantContext.as");
        assertThatThrownBy(() -> TenantContext.as(org.id(), () -> {
                    publisher.publishEvent(event);
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
        assertThat(list("").path("items")).isEmpty();
    }

    @Test
    void verdictFollowsTheOrganisationsEditedTierProfile() {
        Response edited = send(
                "PUT",
                "/api/v1/orgs/" + org.id() + "/tiers/1",
                "{\"timeoutSeconds\":30,\"retentionDays\":7,\"thresholds\":{\"latencyMs\":200,\"lossPercent\":10}}",
                auth);
        assertThat(edited.status()).isEqualTo(200);

        events.publish(RunEvents.udpEcho(org.id(), Ids.newId(), Instant.now(), 150.0, 7.5));

        JsonNode item = list("").path("items").get(0);
        assertThat(item.path("verdict").asString()).isEqualTo("ok");
        assertThat(item.path("breaches")).isEmpty();
    }

    @Test
    void aFailedRunIsABreachOfItsStatus() {
        RunFinished ok = RunEvents.udpEcho(org.id(), Instant.now());
        events.publish(new RunFinished(
                ok.runId(),
                ok.orgId(),
                null,
                null,
                null,
                null,
                "tcp_connect",
                "db.example.test:5432",
                null,
                "timed_out",
                "node did not answer",
                ok.createdAt(),
                null,
                ok.finishedAt(),
                Map.of(),
                List.of(),
                null));

        JsonNode item = list("").path("items").get(0);
        assertThat(item.path("status").asString()).isEqualTo("timed_out");
        assertThat(item.path("reason").asString()).isEqualTo("node did not answer");
        assertThat(item.path("verdict").asString()).isEqualTo("breach");
        assertThat(item.path("breaches").get(0).path("metric").asString()).isEqualTo("status");
        assertThat(item.path("latencyP95Ms").isNull()).isTrue();
    }

    @Test
    void ingestNeedsAnIdempotencyKey() {
        Response response =
                http.post(path("/results"), document(Ids.newId(), "2026-11-21T08:00:00Z"), "Authorization", auth);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo("Idempotency-Key");
    }

    @Test
    void aRepeatedKeyAnswersAsTheFirstTimeAndStoresOneResult() {
        String key = "ingest-" + UUID.randomUUID();
        String body = document(null, "2026-11-21T08:00:00Z");
        String reordered = "{\"target\":\"example.com\",\"finishedAt\":\"2026-11-21T08:00:00Z\","
                + "\"summary\":{\"totalMillis\":2500.5,\"status\":200,\"certificateDaysLeft\":3},"
                + "\"status\":\"succeeded\",\"type\":\"http\",\"tier\":2}";

        Response first = ingest(key, body, auth);
        Response second = ingest(key, body, auth);
        Response sameFieldsOtherOrder = ingest(key, reordered, auth);
        Response otherBody = ingest(key, body.replace("example.com", "example.org"), auth);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location"))
                .endsWith("/results/" + first.json().path("id").asString());
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(sameFieldsOtherOrder.body()).isEqualTo(first.body());
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().path("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(list("").path("items")).hasSize(1);
        JsonNode stored = first.json();
        assertThat(stored.path("httpTotalMs").asDouble()).isEqualTo(2500.5);
        assertThat(stored.path("certificateDaysLeft").asInt()).isEqualTo(3);
        assertThat(stored.path("breaches")
                        .valueStream()
                        .map(b -> b.path("metric").asString()))
                .as("tier 2 checks the certificate, not HTTP time")
                .containsExactly("certificateDays");
    }

    @Test
    void concurrentFirstAttemptsWithOneKeyStoreOneResult() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String body = document(null, "2026-11-21T09:00:00Z");
        int clients = 4;
        CyclicBarrier start = new CyclicBarrier(clients);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return ingest(key, body, auth);
            }));
        }

        List<Response> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(responses)
                .extracting(Response::body)
                .containsOnly(responses.getFirst().body());
        assertThat(list("").path("items")).hasSize(1);
    }

    @Test
    void aMaintainerApiKeyMayIngestAndARunHasOneResult() {
        String apiKey = "ApiKey " + fixtures.createApiKey(org, "MAINTAINER");
        UUID runId = Ids.newId();

        Response first = ingest("k1-" + runId, document(runId, "2026-11-21T08:00:00Z"), apiKey);
        Response sameRunOtherKey = ingest("k2-" + runId, document(runId, "2026-11-21T08:00:00Z"), apiKey);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("runId").asString()).isEqualTo(runId.toString());
        assertThat(sameRunOtherKey.status()).isEqualTo(409);
        assertThat(sameRunOtherKey.json().path("type").asString()).endsWith("/result-exists");
    }

    @Test
    void anInvalidDocumentListsEveryBadFieldAndStoresNothing() {
        Response response = ingest(
                "bad-" + UUID.randomUUID(),
                "{\"runId\":\"nope\",\"type\":\"smoke\",\"target\":\"\",\"tier\":4,\"status\":\"done\","
                        + "\"startedAt\":\"2026-11-21T09:00:00Z\",\"finishedAt\":\"2026-11-21T08:00:00Z\","
                        + "\"summary\":[1],\"samples\":[{\"second\":-1,\"values\":{}},{\"second\":2}],"
                        + "\"nodeId\":\"" + Ids.newId() + "\",\"colour\":\"blue\"}",
                auth);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder(
                        "colour",
                        "runId",
                        "type",
                        "target",
                        "tier",
                        "status",
                        "startedAt",
                        "summary",
                        "samples[0].second",
                        "samples[1].values");
        assertThat(list("").path("items")).isEmpty();
    }

    @Test
    void anUnknownNodeOrTestIsAFieldError() {
        Response response = ingest(
                "refs-" + UUID.randomUUID(),
                "{\"type\":\"dns\",\"target\":\"example.com\",\"status\":\"succeeded\","
                        + "\"finishedAt\":\"2026-11-21T08:00:00Z\",\"summary\":{\"timeMillis\":12.5},"
                        + "\"nodeId\":\"" + Ids.newId() + "\",\"testId\":\"" + Ids.newId() + "\"}",
                auth);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactly("nodeId", "testId");
    }

    @Test
    void filtersNarrowTheListAndBadFiltersAreListed() {
        Instant base = Instant.parse("2026-11-10T00:00:00Z");
        UUID node = fixtures.enrollNode(org, "filter-node").id();
        events.publish(RunEvents.udpEcho(org.id(), Ids.newId(), base, 20.0, 0.0));
        events.publish(RunEvents.udpEcho(org.id(), Ids.newId(), base.plusSeconds(60), 300.0, 0.0));
        RunFinished dns = new RunFinished(
                Ids.newId(),
                org.id(),
                null,
                null,
                node,
                "filter-node",
                "dns",
                "example.com",
                2,
                "succeeded",
                null,
                base,
                base,
                base.plusSeconds(120),
                Map.of("timeMillis", 1500.0, "rcode", "NOERROR"),
                List.of(),
                null);
        events.publish(dns);

        assertThat(list("?verdict=breach").path("items")).hasSize(1);
        assertThat(list("?type=dns").path("items").get(0).path("dnsMs").asDouble())
                .isEqualTo(1500.0);
        assertThat(list("?type=dns").path("items").get(0).path("verdict").asString())
                .as("tier 2 has no DNS threshold")
                .isEqualTo("ok");
        assertThat(list("?nodeId=" + node).path("items")).hasSize(1);
        assertThat(list("?tier=1").path("items")).hasSize(2);
        assertThat(list("?target=example.com").path("items")).hasSize(1);
        assertThat(list("?status=failed").path("items")).isEmpty();
        assertThat(list("?from=2026-11-10T00:01:00Z&to=2026-11-10T00:02:00Z").path("items"))
                .hasSize(1);
        assertThat(list("?testId=" + Ids.newId()).path("items")).isEmpty();

        Response bad = get("/results?testId=x&tier=9&status=done&verdict=meh&type=smoke&from=yesterday"
                + "&to=2020-01-01T00:00:00Z&limit=501&cursor=bm9wZQ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("testId", "tier", "status", "verdict", "type", "from", "limit", "cursor");
    }

    @Test
    void keysetPagesNeitherRepeatNorSkipRowsWhileAWriterInserts() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            // Pairs share a finishedAt, so the id breaks ties.
            RunFinished event = RunEvents.udpEcho(org.id(), Ids.newId(), base.plusSeconds(i / 2), 20.0, 0.0);
            events.publish(event);
            existing.add(event.runId().toString());
        }
        // The writer inserts one row per page turn, so writes and reads interleave without sleeps.
        Semaphore turn = new Semaphore(0);
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; ; i++) {
                turn.acquireUninterruptibly();
                if (!paging.get()) {
                    return;
                }
                // Inside the range still to be paged through, as late results land.
                events.publish(RunEvents.udpEcho(org.id(), Ids.newId(), base.plusSeconds(i % 60), 20.0, 0.0));
                written.incrementAndGet();
            }
        });

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        try {
            do {
                JsonNode page = list("?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
                page.path("items").forEach(item -> seen.add(item.path("runId").asString()));
                cursor = page.path("nextCursor").isNull()
                        ? null
                        : page.path("nextCursor").asString();
                pages++;
                int expected = pages;
                turn.release();
                await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= expected);
            } while (cursor != null);
        } finally {
            paging.set(false);
            turn.release();
            writer.join();
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing);
        assertThat(written.get()).as("rows written while paging").isGreaterThanOrEqualTo(pages);
        System.out.printf(
                "Keyset paging: %d pages, %d rows seen, %d written concurrently%n", pages, seen.size(), written.get());
    }

    @Test
    void anotherOrganisationsResultIsNotFound() {
        Org other = fixtures.createOrg("Other results " + UUID.randomUUID());
        Response theirs = http.post(
                "/api/v1/orgs/" + other.id() + "/results",
                document(null, "2026-11-21T08:00:00Z"),
                "Authorization",
                bearer(other.adminToken()),
                "Idempotency-Key",
                "theirs-" + UUID.randomUUID());
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        String theirId = theirs.json().path("id").asString();

        assertThat(get("/results/" + theirId).status()).isEqualTo(404);
        assertThat(get("/results/" + theirId).header("Content-Type")).startsWith("application/problem+json");
        assertThat(list("").path("items")).isEmpty();
        assertThat(http.get(
                                "/api/v1/orgs/" + other.id() + "/results/" + theirId,
                                "Authorization",
                                bearer(other.adminToken()))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + other.id() + "/results/" + theirId, "Authorization", auth)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void showsTheCurrentTestName() {
        Response test = http.post(
                path("/tests"),
                "{\"name\":\"Edge DNS\",\"type\":\"dns\",\"target\":\"example.com\",\"nodeSelector\":{\"region\":\"eu\"},"
                        + "\"tier\":1}",
                "Authorization",
                auth);
        String testId = test.json().path("id").asString();

        Response stored = ingest(
                "named-" + UUID.randomUUID(),
                "{\"testId\":\"" + testId + "\",\"type\":\"dns\",\"target\":\"example.com\",\"status\":\"succeeded\","
                        + "\"finishedAt\":\"2026-11-21T08:00:00Z\",\"summary\":{\"timeMillis\":1200}}",
                auth);

        assertThat(stored.json().path("testName").asString()).isEqualTo("Edge DNS");
        assertThat(stored.json().path("tier").asInt()).as("the test's tier").isEqualTo(1);
        assertThat(stored.json().path("verdict").asString()).isEqualTo("breach");
        assertThat(list("?testId=" + testId)
                        .path("items")
                        .get(0)
                        .path("testName")
                        .asString())
                .isEqualTo("Edge DNS");
    }

    @Test
    void speedTestsKeepTheClientAddressBehindATrustedProxy() {
        UUID node = fixtures.enrollNode(org, "speed-node").id();
        String body = "{\"nodeId\":\"" + node + "\",\"downloadMbps\":94.5,\"uploadMbps\":12.25,\"pingMs\":140,"
                + "\"jitterMs\":2.5,\"bytesDown\":100000000,\"bytesUp\":20000000,\"durationMillis\":20000,"
                + "\"userAgent\":\"=cmd|' /C calc'!A0\"}";

        Response viaProxy = http.post(
                path("/speedtests"), body, "Authorization", auth, "X-Forwarded-For", "198.51.100.7, 127.0.0.1");
        Response direct = http.post(path("/speedtests"), body, "Authorization", auth);

        assertThat(viaProxy.status()).isEqualTo(201);
        JsonNode result = viaProxy.json();
        assertThat(result.path("type").asString()).isEqualTo("speedtest");
        assertThat(result.path("status").asString()).isEqualTo("succeeded");
        assertThat(result.path("clientIp").asString()).isEqualTo("198.51.100.7");
        assertThat(result.path("runId").asString())
                .isNotEqualTo(result.path("id").asString());
        assertThat(result.path("nodeId").asString()).isEqualTo(node.toString());
        assertThat(result.path("throughputDownMbps").asDouble()).isEqualTo(94.5);
        assertThat(result.path("throughputUpMbps").asDouble()).isEqualTo(12.25);
        assertThat(result.path("latencyAvgMs").asDouble()).isEqualTo(140.0);
        assertThat(result.path("verdict").asString())
                .as("untiered: tier 1's 100 ms latency")
                .isEqualTo("breach");
        assertThat(viaProxy.header("Location"))
                .endsWith("/results/" + result.path("id").asString());
        assertThat(direct.json().path("clientIp").asString()).isEqualTo("127.0.0.1");
        assertThat(get("/results/" + result.path("id").asString())
                        .json()
                        .path("clientIp")
                        .asString())
                .isEqualTo("198.51.100.7");
    }

    @Test
    void speedTestsNeedANodeOfTheOrganisationAndSaneFigures() {
        Org other = fixtures.createOrg("Other speed " + UUID.randomUUID());
        UUID theirNode = fixtures.enrollNode(other, "their-node").id();

        Response foreignNode = http.post(
                path("/speedtests"),
                "{\"nodeId\":\"" + theirNode + "\",\"downloadMbps\":1,\"uploadMbps\":1,\"pingMs\":1,\"jitterMs\":1}",
                "Authorization",
                auth);
        Response bad = http.post(
                path("/speedtests"),
                "{\"downloadMbps\":-1,\"uploadMbps\":200000,\"pingMs\":70000,\"durationMillis\":0}",
                "Authorization",
                auth);

        assertThat(foreignNode.status()).isEqualTo(404);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder(
                        "nodeId", "downloadMbps", "uploadMbps", "pingMs", "jitterMs", "durationMillis");
        assertThat(list("").path("items")).isEmpty();
    }

    @Test
    void exportsCsvWithQuotingAndFormulaProtection() {
        events.publish(new RunFinished(
                Ids.newId(),
                org.id(),
                null,
                null,
                null,
                "=HYPERLINK(\"http://evil\")",
                "http",
                "https://example.com/a,b",
                1,
                "failed",
                "line one\nline \"two\"",
                Instant.parse("2026-11-21T07:59:00Z"),
                null,
                Instant.parse("2026-11-21T08:00:00Z"),
                Map.of("status", 503, "totalMillis", 12.0, "certificateDaysLeft", -3),
                List.of(),
                null));

        Response csv = get("/results/export?format=csv&type=http");
        Response json = get("/results/export?format=json");
        Response bad = get("/results/export?format=xml&tier=0");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment").contains(".csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,runId,parentRunId,testId,testName,nodeId,nodeName,type,target,tier,");
        assertThat(csv.body())
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",http,\"https://example.com/a,b\",1,failed,")
                .contains("\"line one\nline \"\"two\"\"\"")
                .contains(",-3,");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Disposition")).contains(".json");
        assertThat(json.json()).hasSize(1);
        assertThat(json.json().get(0).path("nodeName").asString()).isEqualTo("=HYPERLINK(\"http://evil\")");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("format", "tier");
    }

    private String document(UUID runId, String finishedAt) {
        return "{" + (runId == null ? "" : "\"runId\":\"" + runId + "\",")
                + "\"type\":\"http\",\"target\":\"example.com\",\"tier\":2,\"status\":\"succeeded\","
                + "\"finishedAt\":\"" + finishedAt + "\","
                + "\"summary\":{\"status\":200,\"totalMillis\":2500.5,\"certificateDaysLeft\":3}}";
    }

    private Response ingest(String key, String body, String authorization) {
        return http.post(path("/results"), body, "Authorization", authorization, "Idempotency-Key", key);
    }

    private JsonNode list(String query) {
        Response response = get("/results" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Response get(String relative) {
        return http.get(path(relative), "Authorization", auth);
    }

    private String path(String relative) {
        return "/api/v1/orgs/" + org.id() + relative;
    }

    private Response send(String method, String target, String body, String authorization) {
        return http.send(http.request(target, "Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
