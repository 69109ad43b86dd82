package io.waddleperf.api.runs;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.waddleperf.api.runs.internal.Dispatcher;
import io.waddleperf.api.runs.internal.RunSweeper;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.LoopbackDns;
import io.waddleperf.api.support.SseClient;
import io.waddleperf.api.support.SseClient.Event;
import io.waddleperf.api.support.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs end to end: the API dispatches to real test-server processes on loopback, follows their
 * event streams and serves them as SSE. A circuit opens on one failure here (the default waits
 * for two) and probes again after two seconds, so the test need not wait 30 s.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "waddleperf.runs.circuit.minimum-number-of-calls=1",
            "waddleperf.runs.circuit.wait-in-open-state=2s",
            // Long enough for a 1 s throughput run ahead in the queue, short enough to see a skip.
            "waddleperf.runs.throughput-slip=8s"
        })
@Import(RunsIT.FinishedRuns.class)
class RunsIT {

    private static final Duration NODE_START = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    RunSweeper sweeper;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    FinishedRuns finished;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String maintainer;
    TestNode node;
    UUID nodeId;
    LoopbackDns dns;
    final List<TestNode> started = new ArrayList<>();

    /** Every {@link RunFinished} published, as the results module would receive it. */
    @TestConfiguration
    static class FinishedRuns {
        final List<RunFinished> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(RunFinished event) {
            events.add(event);
        }
    }

    @BeforeAll
    void startNode() throws IOException {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Runs " + UUID.randomUUID());
        maintainer = bearer(fixtures.invite(org, "MAINTAINER").token());
        dns = new LoopbackDns();
        node = startNode("node-a-" + shortId(), Files.createTempDirectory("wp-node-a"));
        nodeId = awaitOnline(nodeName(node));
    }

    @AfterAll
    void stopNodes() {
        started.forEach(TestNode::close);
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void tierOneRunStreamsSamplesAndResultsOfEveryProbeThenEndsSucceeded() {
        String target = "http://127.0.0.1:" + node.httpPort() + "/node/v1/info";
        Response accepted = startRun("{\"tier\":1,\"target\":\"" + target + "\",\"dnsResolver\":\"" + dns.address()
                + "\",\"udpEchoPort\":" + node.echoPort() + "}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        UUID runId = UUID.fromString(accepted.json().path("id").asString());
        assertThat(accepted.header("Location")).endsWith("/api/v1/orgs/" + org.id() + "/runs/" + runId);
        assertThat(accepted.json().path("children")).hasSize(4);

        SseClient.Stream stream = events(runId, null);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<Event> events = stream.events();
        assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(Event::name).contains("state", "sample", "result");
        Event last = events.getLast();
        assertThat(last.name()).isEqualTo("state");
        assertThat(last.data().path("runId").asString()).isEqualTo(runId.toString());
        assertThat(last.data().path("status").asString()).isEqualTo("succeeded");
        Set<String> childrenWithResult = new HashSet<>();
        for (Event event : events) {
            if (event.name().equals("result")) {
                assertThat(event.data().path("status").asString()).isEqualTo("succeeded");
                assertThat(event.data().path("result").isObject()).isTrue();
                childrenWithResult.add(event.data().path("runId").asString());
            }
            if (event.name().equals("sample")) {
                assertThat(event.data().path("values").isObject()).isTrue();
                assertThat(event.data().path("second").asInt()).isPositive();
            }
        }
        assertThat(childrenWithResult).hasSize(4);

        JsonNode run = get(runId).json();
        assertThat(run.path("status").asString()).isEqualTo("succeeded");
        assertThat(run.path("tier").asInt()).isEqualTo(1);
        assertThat(run.path("finishedAt").isString()).isTrue();
        assertThat(run.path("children").valueStream().map(c -> c.path("type").asString()))
                .containsExactlyInAnyOrder("tcp_connect", "dns", "http", "udp_echo");
        for (JsonNode child : run.path("children")) {
            assertThat(child.path("status").asString()).as(child.toString()).isEqualTo("succeeded");
            assertThat(child.path("nodeId").asString()).isEqualTo(nodeId.toString());
            assertThat(child.path("parentRunId").asString()).isEqualTo(runId.toString());
            assertThat(child.path("startedAt").isString()).isTrue();
            assertThat(child.path("result").isObject()).isTrue();
            assertThat(childrenWithResult).contains(child.path("id").asString());
        }
        assertThat(finished.events)
                .filteredOn(e -> runId.equals(e.parentRunId()))
                .hasSize(4)
                .allSatisfy(e -> {
                    assertThat(e.status()).isEqualTo("succeeded");
                    assertThat(e.orgId()).isEqualTo(org.id());
                    assertThat(e.result()).isNotEmpty();
                });

        // The results module stored each probe's result in the run's transaction, judged against
        // tier 1's thresholds, and they export as CSV.
        JsonNode results = http.get(
                        "/api/v1/orgs/" + org.id() + "/results?tier=1&limit=500", "Authorization", maintainer)
                .json();
        List<JsonNode> ofRun = results.path("items")
                .valueStream()
                .filter(r -> r.path("parentRunId").asString().equals(runId.toString()))
                .toList();
        assertThat(ofRun)
                .extracting(r -> r.path("type").asString())
                .containsExactlyInAnyOrder("tcp_connect", "dns", "http", "udp_echo");
        assertThat(ofRun).allSatisfy(r -> {
            assertThat(r.path("status").asString()).isEqualTo("succeeded");
            // A loaded CI machine can push a loopback p95 past 100 ms, so the verdict is not fixed;
            // it must agree with the thresholds that fired.
            JsonNode breaches = r.path("breaches");
            assertThat(r.path("verdict").asString()).as(r.toString()).isEqualTo(breaches.isEmpty() ? "ok" : "breach");
            breaches.forEach(b -> assertThat(b.path("value").asDouble())
                    .as(b.toString())
                    .isGreaterThan(b.path("threshold").asDouble()));
            assertThat(r.path("nodeId").asString()).isEqualTo(nodeId.toString());
        });
        JsonNode tcp = ofRun.stream()
                .filter(r -> r.path("type").asString().equals("tcp_connect"))
                .findFirst()
                .orElseThrow();
        assertThat(tcp.path("latencyP50Ms").asDouble()).isPositive();
        Response csv =
                http.get("/api/v1/orgs/" + org.id() + "/results/export?format=csv&tier=1", "Authorization", maintainer);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("id,runId,parentRunId,");
        assertThat(lines.stream().filter(line -> line.contains(runId.toString())))
                .hasSize(4);

        // A subscriber that reconnects gets only what came after its last event id.
        long middle = events.get(events.size() / 2).id();
        List<Event> replay = events(runId, middle).events();
        assertThat(replay.getFirst().id()).isGreaterThan(middle);
        assertThat(replay)
                .extracting(Event::id)
                .containsExactlyElementsOf(
                        events.stream().map(Event::id).filter(id -> id > middle).toList());
    }

    @Test
    void throughputTestRunsTheNodesIperf3ClientAndStoresThroughputAndLatencyUnderLoad() {
        // The node measures against its own iperf3-compatible server and pings its own UDP echo.
        UUID testId = createTest("{\"name\":\"loopback throughput\",\"type\":\"throughput\",\"target\":\"127.0.0.1:"
                + node.iperfPort() + "\",\"params\":{\"durationSeconds\":2,\"echoPort\":" + node.echoPort()
                + "},\"nodeSelector\":{\"nodeId\":\"" + nodeId + "\"}}");
        UUID runId = runTest(testId);

        List<Event> events = events(runId, null).events();
        assertThat(events)
                .filteredOn(e -> e.name().equals("sample"))
                .anySatisfy(
                        e -> assertThat(e.data().path("values").path("sentMbps").asDouble())
                                .isPositive());
        JsonNode run = awaitEnd(runId);
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("result").path("sentBytes").asLong()).isPositive();

        JsonNode results = http.get(
                        "/api/v1/orgs/" + org.id() + "/results?testId=" + testId, "Authorization", maintainer)
                .json()
                .path("items");
        assertThat(results).hasSize(1);
        JsonNode result = results.get(0);
        assertThat(result.path("runId").asString()).isEqualTo(runId.toString());
        assertThat(result.path("type").asString()).isEqualTo("throughput");
        assertThat(result.path("throughputUpMbps").asDouble()).isPositive();
        assertThat(result.path("latencyP50Ms").asDouble())
                .as("latency under load from the node's UDP echo: %s", result)
                .isPositive();

        // The node's TCP_INFO (a Linux node on JDK 22+ reads it) is stored per second, in the
        // summary's intervals and in the samples, and over the test, PMTU included.
        JsonNode stored = http.get(
                        "/api/v1/orgs/" + org.id() + "/results/"
                                + result.path("id").asString(),
                        "Authorization",
                        maintainer)
                .json();
        JsonNode summary = stored.path("summary");
        assertThat(summary.path("intervals")).isNotEmpty().allSatisfy(interval -> {
            assertThat(interval.path("sndCwndBytes").asLong()).isPositive();
            assertThat(interval.path("rttMicros").asLong()).isPositive();
            assertThat(interval.path("rttvarMicros").isNumber()).isTrue();
            assertThat(interval.path("pmtuBytes").asLong()).isGreaterThanOrEqualTo(1280);
        });
        assertThat(summary.path("tcp").path("pmtuBytes").asLong())
                .as(summary.toString())
                .isGreaterThanOrEqualTo(1280);
        assertThat(summary.path("tcp").path("maxSndCwndBytes").asLong()).isPositive();
        assertThat(summary.path("tcp").path("retransmits").asLong())
                .isEqualTo(result.path("retransmits").asLong());
        assertThat(stored.path("samples")).isNotEmpty().allSatisfy(sample -> {
            assertThat(sample.path("values").path("tcpRttMicros").asLong()).isPositive();
            assertThat(sample.path("values").path("pmtuBytes").asLong()).isGreaterThanOrEqualTo(1280);
        });
    }

    @Test
    void throughputRunsOnOneNodeNeverOverlapTheSecondWaitsForTheFirst() {
        UUID testId = createTest("{\"name\":\"exclusive throughput\",\"type\":\"throughput\",\"target\":\"127.0.0.1:"
                + node.iperfPort() + "\",\"params\":{\"durationSeconds\":1},\"nodeSelector\":{\"nodeId\":\""
                + nodeId + "\"}}");
        UUID first = runTest(testId);
        UUID second = runTest(testId);

        List<JsonNode> ended = List.of(awaitEnd(first), awaitEnd(second));
        assertThat(ended)
                .allSatisfy(run -> assertThat(run.path("status").asString())
                        .as(run.toString())
                        .isEqualTo("succeeded"));
        // startedAt is the node's own start time (its Started event); the run that started later
        // did so only after the other had ended.
        List<JsonNode> byStart = ended.stream()
                .sorted(java.util.Comparator.comparing(
                        run -> Instant.parse(run.path("startedAt").asString())))
                .toList();
        Instant earlierEnded = Instant.parse(byStart.get(0).path("finishedAt").asString());
        Instant laterStarted = Instant.parse(byStart.get(1).path("startedAt").asString());
        assertThat(laterStarted).as("%s", byStart).isAfterOrEqualTo(earlierEnded);
    }

    @Test
    void aThroughputRunWhoseNodeStaysHeldIsSkippedAfterTheSlipWindowWithoutABreach() {
        // Another replica's throughput run holds the node for the next hour.
        jdbc.update(
                "INSERT INTO node_throughput_leases (node_id, run_id, org_id, leased_at, leased_until)"
                        + " VALUES (?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)",
                nodeId.toString(),
                UUID.randomUUID().toString(),
                org.id().toString());
        try {
            UUID testId = createTest("{\"name\":\"held throughput\",\"type\":\"throughput\",\"target\":\"127.0.0.1:"
                    + node.iperfPort() + "\",\"params\":{\"durationSeconds\":1},\"nodeSelector\":{\"nodeId\":\""
                    + nodeId + "\"}}");
            UUID runId = runTest(testId);
            JsonNode run = awaitEnd(runId);
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("skipped");
            assertThat(run.path("reason").asString())
                    .contains("another throughput test")
                    .contains("slip window of 8 s");
            assertThat(run.path("nodeId").isNull()).isTrue();
            JsonNode result = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> http.get(
                                            "/api/v1/orgs/" + org.id() + "/results?testId=" + testId,
                                            "Authorization",
                                            maintainer)
                                    .json()
                                    .path("items"),
                            items -> items.size() == 1)
                    .get(0);
            assertThat(result.path("status").asString()).isEqualTo("skipped");
            assertThat(result.path("verdict").asString()).isEqualTo("ok");
        } finally {
            jdbc.update("DELETE FROM node_throughput_leases WHERE node_id = ?", nodeId.toString());
        }
    }

    @Test
    void cancelEndsARunningRunAndCancelingAgainIsAConflict() {
        UUID runId = runLongEcho(Map.of("nodeId", nodeId.toString()));
        awaitStatus(runId, "running");

        Response canceled =
                http.post("/api/v1/orgs/" + org.id() + "/runs/" + runId + "/cancel", "", "Authorization", maintainer);
        Response again =
                http.post("/api/v1/orgs/" + org.id() + "/runs/" + runId + "/cancel", "", "Authorization", maintainer);

        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        assertThat(canceled.json().path("reason").asString()).startsWith("canceled by ");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get(runId).json().path("finishedAt").isString()).isTrue();
        assertThat(finished.events).anySatisfy(e -> {
            assertThat(e.runId()).isEqualTo(runId);
            assertThat(e.status()).isEqualTo("canceled");
        });
    }

    @Test
    void sweeperTimesOutARunPastItsDeadline() {
        UUID runId = runLongEcho(Map.of("nodeId", nodeId.toString()));
        awaitStatus(runId, "running");

        int ended = sweeper.sweep(Instant.now().plus(Duration.ofMinutes(10)));

        assertThat(ended).isPositive();
        JsonNode run = get(runId).json();
        assertThat(run.path("status").asString()).isEqualTo("timed_out");
        assertThat(run.path("reason").asString()).contains("sweeper");
        // The stream of a timed-out run replays to its end and completes.
        assertThat(events(runId, null).events().getLast().data().path("status").asString())
                .isEqualTo("timed_out");
    }

    @Test
    void nodeKilledMidRunFailsTheRunAndOpensItsCircuitUntilTheNodeIsBack() throws IOException {
        Path state = Files.createTempDirectory("wp-node-b");
        TestNode b = startNode("node-b-" + shortId(), state);
        String name = nodeName(b);
        UUID bId = awaitOnline(name);
        UUID runId = runLongEcho(Map.of("nodeId", bId.toString()));
        awaitStatus(runId, "running");

        b.kill();

        JsonNode failed = awaitStatus(runId, "failed");
        assertThat(failed.path("reason").asString()).contains("stopped answering mid-run");
        assertThat(dispatcher.circuitState(bId)).isEqualTo(CircuitBreaker.State.OPEN);

        // The same node (same credential) comes back on new ports; after the open wait, one probe
        // run goes through in half-open state and closes the circuit.
        TestNode back = startNode(name, state, "unused");
        await().atMost(NODE_START).until(() -> advertisedPort(bId) == back.httpPort());
        UUID testId = createTest("{\"name\":\"probe b\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:"
                + node.httpPort() + "\",\"params\":{\"count\":1},\"nodeSelector\":{\"nodeId\":\"" + bId + "\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            UUID probe = runTest(testId);
            return awaitEnd(probe).path("status").asString().equals("succeeded");
        });
        assertThat(dispatcher.circuitState(bId)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void runFailsOverToAnotherNodeWhenTheFirstIsUnreachable() {
        // Enrolled and online, but nothing listens at its URL; its name sorts it first.
        int closedPort = TestNode.freeTcpPort();
        UUID deadId = fakeNode("aaa-unreachable-" + shortId(), "default", "http://127.0.0.1:" + closedPort);
        try {
            UUID testId = createTest("{\"name\":\"failover\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:"
                    + node.httpPort() + "\",\"params\":{\"count\":1},\"nodeSelector\":{\"region\":\"default\"}}");

            JsonNode run = awaitEnd(runTest(testId));

            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
            // Another real node of the region ran it (which one depends on their reported load).
            assertThat(run.path("nodeId").asString()).isNotEqualTo(deadId.toString());
            assertThat(run.path("reason").asString()).startsWith("failed over to node ");
            assertThat(dispatcher.circuitState(deadId)).isEqualTo(CircuitBreaker.State.OPEN);
        } finally {
            revoke(deadId);
        }
    }

    @Test
    void runWhoseOnlyNodeIsUnreachableFailsWithThatNodesFailureAsTheReason() {
        int closedPort = TestNode.freeTcpPort();
        String region = "lonely-" + shortId();
        UUID deadId = fakeNode("lonely-" + shortId(), region, "http://127.0.0.1:" + closedPort);
        try {
            UUID testId = createTest("{\"name\":\"lonely\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:"
                    + node.httpPort() + "\",\"params\":{\"count\":1},\"nodeSelector\":{\"region\":\"" + region
                    + "\"}}");

            JsonNode run = awaitEnd(runTest(testId));

            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("failed");
            // Not just "no other node": the reason carries why the one node could not take it.
            assertThat(run.path("reason").asString())
                    .contains("no other eligible node")
                    .contains("last failure: ");
        } finally {
            revoke(deadId);
        }
    }

    @Test
    void nodeRefusingTheSpecFailsTheRunWithItsReasonAndStaysHealthy() {
        WireMockServer fake = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
        fake.stubFor(WireMock.post(WireMock.urlPathEqualTo("/node/v1/runs"))
                .willReturn(WireMock.aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://waddleperf.io/problems/target-refused\","
                                + "\"title\":\"Target refused\",\"status\":422,"
                                + "\"detail\":\"192.0.2.1 is not allowed here\"}")));
        String region = "refusing-" + shortId();
        UUID fakeId = fakeNode("refusing-" + shortId(), region, "http://127.0.0.1:" + fake.port());
        try {
            UUID testId = createTest("{\"name\":\"refused\",\"type\":\"tcp_connect\",\"target\":"
                    + "\"192.0.2.1:443\",\"nodeSelector\":{\"region\":\"" + region + "\"}}");

            UUID runId = runTest(testId);
            JsonNode run = awaitEnd(runId);

            assertThat(run.path("status").asString()).isEqualTo("failed");
            assertThat(run.path("reason").asString()).contains("refused the run: 192.0.2.1 is not allowed here");
            assertThat(dispatcher.circuitState(fakeId)).isEqualTo(CircuitBreaker.State.CLOSED);
            // The start asks the node to answer the run's events in the same exchange.
            assertThat(fake.getAllServeEvents()
                            .getFirst()
                            .getRequest()
                            .queryParameter("follow")
                            .firstValue())
                    .isEqualTo("true");
            // The start carried a per-run token for this run on this node, short-lived, for nodes only.
            String authorization =
                    fake.getAllServeEvents().getFirst().getRequest().getHeader("Authorization");
            String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
            JsonNode header = JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt[0]));
            JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt[1]));
            assertThat(header.path("alg").asString()).isEqualTo("RS256");
            assertThat(claims.path("aud").toString()).contains("waddleperf-node");
            assertThat(claims.path("run").asString()).isEqualTo(runId.toString());
            assertThat(claims.path("node").asString()).isEqualTo(fakeId.toString());
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(15 * 60);
        } finally {
            revoke(fakeId);
            fake.stop();
        }
    }

    @Test
    void aNodeThatAnswersTheStartWith202AsNodesDidBeforeIsFollowedThroughItsEventStream() {
        WireMockServer fake = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
        String region = "older-" + shortId();
        UUID fakeId = fakeNode("older-" + shortId(), region, "http://127.0.0.1:" + fake.port());
        try {
            UUID testId = createTest("{\"name\":\"older\",\"type\":\"tcp_connect\",\"target\":"
                    + "\"192.0.2.1:443\",\"nodeSelector\":{\"region\":\"" + region + "\"}}");
            UUID runId = UUID.randomUUID();
            // The run id is the API's; answer whatever run the start names.
            fake.stubFor(WireMock.post(WireMock.urlPathEqualTo("/node/v1/runs"))
                    .willReturn(WireMock.aResponse()
                            .withStatus(202)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"status\":\"running\"}")));
            fake.stubFor(
                    WireMock.get(WireMock.urlPathMatching("/node/v1/runs/.*/events"))
                            .willReturn(
                                    WireMock.aResponse()
                                            .withStatus(200)
                                            .withHeader("Content-Type", "application/x-ndjson")
                                            .withBody(
                                                    "{\"event\":\"started\",\"runId\":\"" + runId + "\",\"type\":"
                                                            + "\"tcp_connect\",\"target\":\"192.0.2.1:443\"}\n"
                                                            + "{\"event\":\"result\",\"runId\":\"" + runId
                                                            + "\",\"status\":"
                                                            + "\"succeeded\",\"elapsedMillis\":1.0,\"result\":{\"attempts\":1,\"succeeded\":1,\"failed\":0}}\n")));

            JsonNode run = awaitEnd(runTest(testId));

            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.path("nodeId").asString()).isEqualTo(fakeId.toString());
            assertThat(run.path("dispatchedAt").isString()).isTrue();
            assertThat(fake.getAllServeEvents())
                    .extracting(event -> event.getRequest().getMethod().getName())
                    .containsExactlyInAnyOrder("POST", "GET");
        } finally {
            revoke(fakeId);
            fake.stop();
        }
    }

    @Test
    void busyNodeIsPassedOverForAnotherWithoutOpeningItsCircuit() {
        WireMockServer fake = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
        fake.stubFor(WireMock.post(WireMock.urlPathEqualTo("/node/v1/runs"))
                .willReturn(WireMock.aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Node busy\",\"status\":503}")));
        // Its name sorts it before the real node, so it is asked first.
        UUID fakeId = fakeNode("aaa-busy-" + shortId(), "default", "http://127.0.0.1:" + fake.port());
        try {
            UUID testId = createTest("{\"name\":\"busy\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:"
                    + node.httpPort() + "\",\"params\":{\"count\":1},\"nodeSelector\":{\"region\":\"default\"}}");

            JsonNode run = awaitEnd(runTest(testId));

            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.path("nodeId").asString()).isNotEqualTo(fakeId.toString());
            assertThat(fake.getAllServeEvents()).hasSize(1);
            assertThat(dispatcher.circuitState(fakeId)).isEqualTo(CircuitBreaker.State.CLOSED);
        } finally {
            revoke(fakeId);
            fake.stop();
        }
    }

    @Test
    void dispatchOverheadFromAcceptedToStartedOnTheNode() {
        UUID testId = createTest("{\"name\":\"overhead\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:"
                + node.httpPort() + "\",\"params\":{\"count\":1},\"nodeSelector\":{\"nodeId\":\"" + nodeId
                + "\"}}");
        List<Double> millis = new ArrayList<>();
        List<Double> toDispatched = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            JsonNode run = awaitEnd(runTest(testId));
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
            Instant created = Instant.parse(run.path("createdAt").asString());
            Instant dispatched = Instant.parse(run.path("dispatchedAt").asString());
            Instant startedAt = Instant.parse(run.path("startedAt").asString());
            millis.add(Duration.between(created, startedAt).toNanos() / 1e6);
            toDispatched.add(Duration.between(created, dispatched).toNanos() / 1e6);
        }
        Collections.sort(millis);
        Collections.sort(toDispatched);
        System.out.printf(
                "Dispatch overhead (POST /runs accepted -> node reports started), 50 tcp_connect count=1 runs:"
                        + " median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms;"
                        + " of which accepted -> dispatched (node answered 202): median %.1f ms, p95 %.1f ms%n",
                millis.get(24),
                millis.get(47),
                millis.getFirst(),
                millis.getLast(),
                toDispatched.get(24),
                toDispatched.get(47));

        // The list pages through all of them, most recent first, without repeats.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = http.get(
                    "/api/v1/orgs/" + org.id() + "/runs?status=succeeded&testId=" + testId + "&limit=20"
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    "Authorization",
                    maintainer);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json()
                    .path("items")
                    .forEach(item -> seen.add(item.path("createdAt").asString() + " "
                            + item.path("id").asString()));
            cursor = page.json().path("nextCursor").isNull()
                    ? null
                    : page.json().path("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen).hasSize(50).doesNotHaveDuplicates();
        Response none = http.get(
                "/api/v1/orgs/" + org.id() + "/runs?status=running&testId=" + testId, "Authorization", maintainer);
        assertThat(none.json().path("items")).isEmpty();
        Response bad = http.get("/api/v1/orgs/" + org.id() + "/runs?status=bogus&limit=0", "Authorization", maintainer);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("status", "limit");
        assertThat(seen.stream().map(s -> s.split(" ")[0]).map(Instant::parse).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void invalidStartListsEveryBadField() {
        Response response = startRun("{\"tier\":5,\"dnsResolver\":\"not a host!\",\"udpEchoPort\":0}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("tier", "target", "dnsResolver", "udpEchoPort");
    }

    @Test
    void childrenOfTierRunsEndingAtOnceGetDistinctEventSequenceNumbers() {
        // An organisation without nodes: every child of a tier run fails at the same moment, and
        // each end appends events to the same tree under the root's lock.
        Org empty = fixtures.createOrg("Runs without nodes " + UUID.randomUUID());
        String admin = bearer(empty.adminToken());
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runIds.add(fixtures.startTierRun(empty, admin, 1, "example.com"));
        }
        for (String id : runIds) {
            JsonNode run = fixtures.awaitRunEnd(empty, admin, id, Duration.ofSeconds(60));
            assertThat(run.path("status").asString()).isEqualTo("failed");
            assertThat(run.path("children")
                            .valueStream()
                            .map(c -> c.path("status").asString()))
                    .containsOnly("failed");
            List<Event> events = SseClient.read(
                            http.request(
                                    "/api/v1/orgs/" + empty.id() + "/runs/" + id + "/events", "Authorization", admin),
                            Duration.ofSeconds(30))
                    .events();
            assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
            assertThat(events)
                    .filteredOn(e -> e.name().equals("state")
                            && e.data().path("status").asString().equals("failed"))
                    .hasSize(5);
        }
    }

    @Test
    void runWithoutAnEligibleNodeFailsWithAReason() {
        UUID testId = createTest("{\"name\":\"nowhere\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:9\","
                + "\"nodeSelector\":{\"region\":\"nowhere\"}}");

        JsonNode run = awaitEnd(runTest(testId));

        assertThat(run.path("status").asString()).isEqualTo("failed");
        assertThat(run.path("reason").asString()).contains("no online node");
    }

    // --- helpers ---

    private TestNode startNode(String name, Path state) {
        return startNode(name, state, fixtures.enrollmentToken(org));
    }

    private TestNode startNode(String name, Path state, String token) {
        TestNode started = TestNode.start(name, port, token, state);
        this.started.add(started);
        names.put(started, name);
        return started;
    }

    private final Map<TestNode, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    /** An enrolled, online node whose control API is whatever listens at {@code url}. */
    private UUID fakeNode(String name, String region, String url) {
        Fixtures.EnrolledNode enrolled = fixtures.enrollNode(org, name);
        Response beat = http.post(
                "/api/v1/node/heartbeat",
                "{\"name\":\"" + name + "\",\"region\":\"" + region + "\",\"labels\":[],\"version\":\"0.1.0\","
                        + "\"capabilities\":[\"tcp_connect\"],\"capacity\":8,\"load\":0,\"systemLoad\":0.1,"
                        + "\"advertisedUrl\":\"" + url + "\"}",
                "Authorization",
                bearer(enrolled.credential()));
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        return enrolled.id();
    }

    /** Revoked nodes are never dispatched to, so a fake node does not leak into other tests. */
    private void revoke(UUID id) {
        Response revoked = http.send(
                http.request("/api/v1/orgs/" + org.id() + "/nodes/" + id, "Authorization", bearer(org.adminToken()))
                        .DELETE()
                        .build());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    }

    private String nodeName(TestNode node) {
        return names.get(node);
    }

    private UUID awaitOnline(String name) {
        return await().atMost(NODE_START)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            for (JsonNode n : http.get(
                                            "/api/v1/orgs/" + org.id() + "/nodes",
                                            "Authorization",
                                            bearer(org.adminToken()))
                                    .json()) {
                                if (n.path("name").asString().equals(name)
                                        && n.path("status").asString().equals("ONLINE")) {
                                    return UUID.fromString(n.path("id").asString());
                                }
                            }
                            return null;
                        },
                        id -> id != null);
    }

    private int advertisedPort(UUID id) {
        String url = http.get("/api/v1/orgs/" + org.id() + "/nodes/" + id, "Authorization", bearer(org.adminToken()))
                .json()
                .path("advertisedUrl")
                .asString();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private UUID createTest(String body) {
        Response created = http.post("/api/v1/orgs/" + org.id() + "/tests", body, "Authorization", maintainer);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asString());
    }

    /** A UDP echo run of 200 s against the node's own echo: long enough to act on while it runs. */
    private UUID runLongEcho(Map<String, String> selector) {
        String nodeSelector = "{\"nodeId\":\"" + selector.get("nodeId") + "\"}";
        UUID testId = createTest("{\"name\":\"long echo\",\"type\":\"udp_echo\",\"target\":\"127.0.0.1:"
                + node.echoPort() + "\",\"params\":{\"count\":10000,\"intervalMillis\":20},\"nodeSelector\":"
                + nodeSelector + "}");
        return runTest(testId);
    }

    private UUID runTest(UUID testId) {
        Response accepted = startRun("{\"testId\":\"" + testId + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return UUID.fromString(accepted.json().path("id").asString());
    }

    private Response startRun(String body) {
        return http.post("/api/v1/orgs/" + org.id() + "/runs", body, "Authorization", maintainer);
    }

    private Response get(UUID runId) {
        return http.get("/api/v1/orgs/" + org.id() + "/runs/" + runId, "Authorization", maintainer);
    }

    private JsonNode awaitStatus(UUID runId, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> get(runId).json(),
                        run -> run.path("status").asString().equals(status));
    }

    private JsonNode awaitEnd(UUID runId) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> get(runId).json(),
                        run -> !run.path("finishedAt").isNull()
                                && run.path("finishedAt").isString());
    }

    private SseClient.Stream events(UUID runId, Long lastEventId) {
        var request =
                http.request("/api/v1/orgs/" + org.id() + "/runs/" + runId + "/events", "Authorization", maintainer);
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        return SseClient.read(request, Duration.ofSeconds(90));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
