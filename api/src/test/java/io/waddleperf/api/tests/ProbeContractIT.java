package io.waddleperf.api.tests;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.identity.NodeRunTokens;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.LoopbackDns;
import io.waddleperf.api.support.LoopbackSshd;
import io.waddleperf.api.support.TestNode;
import io.waddleperf.protocol.ParamRule;
import io.waddleperf.protocol.ProbeContract;
import io.waddleperf.protocol.ProbeContracts;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node protocol's promise, checked against the real parts: whatever parameters the API
 * accepts for a test, a real node process accepts as a run spec, and whatever the API refuses, the
 * node refuses with the same fields and the same messages. Inputs are drawn at random from each
 * parameter's own rule (bounds, one past them, wrong types, unknown names); the seed is printed
 * with any failure so a counterexample can be replayed.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeContractIT {

    private static final int SAMPLES_PER_TYPE = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    NodeRunTokens runTokens;

    HttpTestClient http;
    Org org;
    String maintainer;
    TestNode node;
    UUID nodeId;
    int closedTcp;
    int closedUdp;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void startNode() throws IOException {
        http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        org = fixtures.createOrg("Contract " + UUID.randomUUID());
        maintainer = bearer(fixtures.invite(org, "MAINTAINER").token());
        String name = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        // Accepted specs are cancelled at once; room for all of them keeps "busy" out of the comparison.
        node = TestNode.start(
                name,
                port,
                fixtures.enrollmentToken(org),
                Files.createTempDirectory("wp-contract"),
                List.of("--waddleperf.node.capacity=256"));
        nodeId = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> online(name), id -> id != null);
        closedTcp = TestNode.freeTcpPort();
        closedUdp = TestNode.freeTcpPort();
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void whatTheApiAcceptsARealNodeAcceptsAndWhatItRefusesTheNodeRefusesAlike() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        for (ProbeContract contract : ProbeContracts.all()) {
            for (int i = 0; i < SAMPLES_PER_TYPE; i++) {
                String target = target(contract.type(), random);
                Map<String, Object> params = params(contract, random);
                String what = "seed " + seed + ": " + contract.type().wireName() + " " + target + " " + params;

                Response api = http.post(
                        "/api/v1/orgs/" + org.id() + "/tests",
                        JSON.writeValueAsString(Map.of(
                                "name",
                                "contract " + i,
                                "type",
                                contract.type().wireName(),
                                "target",
                                target,
                                "params",
                                params,
                                "nodeSelector",
                                Map.of("nodeId", nodeId.toString()))),
                        "Authorization",
                        maintainer);
                UUID runId = UUID.randomUUID();
                HttpResponse<String> onNode = startOnNode(runId, contract.type(), target, params);

                assertThat(api.status()).as(what + " → API " + api.body()).isIn(201, 400);
                assertThat(onNode.statusCode())
                        .as(what + " → node " + onNode.body())
                        .isEqualTo(api.status() == 201 ? 202 : 400);
                if (api.status() == 201) {
                    accepted++;
                    cancelOnNode(runId);
                    http.send(http.request(
                                    "/api/v1/orgs/" + org.id() + "/tests/"
                                            + api.json().path("id").asString(),
                                    "Authorization",
                                    maintainer)
                            .DELETE()
                            .build());
                } else {
                    refused++;
                    assertThat(errors(JSON.readTree(onNode.body()))).as(what).isEqualTo(errors(api.json()));
                }
            }
        }
        // Both outcomes must have been exercised, or the comparison proved little.
        assertThat(accepted).as("accepted samples").isGreaterThan(10);
        assertThat(refused).as("refused samples").isGreaterThan(10);
    }

    @Test
    void aRunLongerThanTheLimitIsRefusedAtCreationNamingTheFieldAndTheRule() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/tests",
                "{\"name\":\"too long\",\"type\":\"tcp_connect\",\"target\":\"example.com:443\","
                        + "\"params\":{\"count\":1000,\"intervalMillis\":10000},"
                        + "\"nodeSelector\":{\"region\":\"default\"}}",
                "Authorization",
                maintainer);

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.header("Content-Type")).startsWith("application/problem+json");
        assertThat(created.json().path("errors")).hasSize(1);
        assertThat(created.json().path("errors").get(0).path("field").asString())
                .isEqualTo("params.count");
        assertThat(created.json().path("errors").get(0).path("message").asString())
                .isEqualTo("count × intervalMillis must be at most 300 s; it is 10,000 s");
        assertThat(created.json().path("detail").asString())
                .isEqualTo("params.count count × intervalMillis must be at most 300 s; it is 10,000 s");
    }

    @Test
    void probeTypesPublishEveryContractAsJsonSchemaWithMessagesAndUnits() {
        Response types = http.get("/api/v1/probe-types", "Authorization", maintainer);

        assertThat(types.status()).isEqualTo(200);
        JsonNode all = types.json();
        assertThat(all).hasSize(ProbeType.values().length);
        JsonNode tcp = all.get(0);
        assertThat(tcp.path("type").asString()).isEqualTo("tcp_connect");
        assertThat(tcp.path("target").path("portRequired").asBoolean()).isTrue();
        JsonNode count = tcp.path("params").path("properties").path("count");
        assertThat(count.path("minimum").asLong()).isEqualTo(1);
        assertThat(count.path("maximum").asLong()).isEqualTo(1000);
        assertThat(count.path("default").asLong()).isEqualTo(10);
        assertThat(count.path("x-message").asString()).isEqualTo("must be a whole number from 1 to 1000");
        assertThat(tcp.path("params").path("x-rules").get(0).path("message").asString())
                .isEqualTo("count × intervalMillis must be at most 300 s; it is {value} s");
        JsonNode throughput = all.get(5);
        assertThat(throughput.path("results").findValuesAsString("label")).contains("Download", "Upload");
        assertThat(throughput.path("results").get(1).path("unit").asString()).isEqualTo("Mbit/s");
        assertThat(http.get("/api/v1/probe-types").status()).isEqualTo(401);
    }

    /**
     * The web UI's unit tests render forms and summaries from a copy of this answer; the copy is
     * the API's own answer, refreshed with -Dwaddleperf.openapi.update=true
     * (scripts/update-openapi.sh), so the UI is never tested against rules the API does not have.
     */
    @Test
    void theWebUisFixtureIsTheApisAnswer() throws IOException {
        Response types = http.get("/api/v1/probe-types", "Authorization", maintainer);
        JsonNode answer = types.json();
        Path fixture = Path.of("..", "webui", "src", "testing", "fixtures", "probe-types.json");
        if (Boolean.getBoolean("waddleperf.openapi.update")) {
            Files.writeString(fixture, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n");
        }
        assertThat(JSON.readTree(Files.readString(fixture)))
                .as("webui/src/testing/fixtures/probe-types.json is stale: run scripts/update-openapi.sh")
                .isEqualTo(answer);
    }

    /**
     * Every probe type end to end: a test through the API, run on the real node against loopback
     * peers (the node's own echo, HTTP and iperf3 server, a loopback DNS server, a throwaway
     * sshd), and the stored result read back as the protocol's typed record: no figure the record
     * does not know, none it requires missing, and the typed columns taken from it.
     */
    @Test
    void everyProbeTypeRoundTripsFromTheApiThroughANodeIntoTypedResults() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
                LoopbackSshd sshd = LoopbackSshd.start()) {
            Map<ProbeType, String> targets = Map.of(
                    ProbeType.TCP_CONNECT, "127.0.0.1:" + node.httpPort(),
                    ProbeType.UDP_ECHO, "127.0.0.1:" + node.echoPort(),
                    ProbeType.HTTP, "http://127.0.0.1:" + node.httpPort() + "/node/v1/info",
                    ProbeType.DNS, "www.example.test",
                    ProbeType.SSH, sshd.target(),
                    ProbeType.THROUGHPUT, "127.0.0.1:" + node.iperfPort());
            Map<ProbeType, Map<String, Object>> params = Map.of(
                    ProbeType.TCP_CONNECT, Map.of("count", 3, "intervalMillis", 10),
                    ProbeType.UDP_ECHO, Map.of("count", 5, "intervalMillis", 10),
                    ProbeType.HTTP, Map.of(),
                    ProbeType.DNS, Map.of("resolver", dns.address()),
                    ProbeType.SSH, Map.of(),
                    ProbeType.THROUGHPUT, Map.of("durationSeconds", 2, "echoPort", node.echoPort()));
            for (ProbeType type : ProbeType.values()) {
                JsonNode result = runToResult(type, targets.get(type), params.get(type));
                assertThat(result.path("status").asString())
                        .as(type + ": " + result)
                        .isEqualTo("succeeded");
                ProbeResult typed = STRICT.treeToValue(result.path("summary"), ProbeResult.recordOf(type));
                for (RecordComponent component : typed.getClass().getRecordComponents()) {
                    if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                        assertThat(component.getAccessor().invoke(typed))
                                .as(type + "." + component.getName())
                                .isNotNull();
                    }
                }
                switch (typed) {
                    case ProbeResult.TcpConnect r ->
                        assertThat(result.path("latencyP95Ms").asDouble())
                                .isEqualTo(r.rtt().p95());
                    case ProbeResult.UdpEcho r -> {
                        assertThat(result.path("latencyP50Ms").asDouble())
                                .isEqualTo(r.rtt().p50());
                        assertThat(result.path("lossPercent").asDouble()).isEqualTo(r.lossPercent());
                    }
                    case ProbeResult.Http r ->
                        assertThat(result.path("httpTotalMs").asDouble()).isEqualTo(r.totalMillis());
                    case ProbeResult.Dns r ->
                        assertThat(result.path("dnsMs").asDouble()).isEqualTo(r.timeMillis());
                    case ProbeResult.Ssh r -> assertThat(r.banner()).startsWith("SSH-2.0-");
                    case ProbeResult.Throughput r ->
                        assertThat(result.path("throughputUpMbps").asDouble()).isEqualTo(r.uploadMbps());
                }
            }
        }
    }

    /** Reads a node's result only if it is exactly the protocol's record: unknown figures fail. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonNode runToResult(ProbeType type, String target, Map<String, Object> params) {
        Response test = http.post(
                "/api/v1/orgs/" + org.id() + "/tests",
                JSON.writeValueAsString(Map.of(
                        "name",
                        "round trip " + type.wireName(),
                        "type",
                        type.wireName(),
                        "target",
                        target,
                        "params",
                        params,
                        "nodeSelector",
                        Map.of("nodeId", nodeId.toString()))),
                "Authorization",
                maintainer);
        assertThat(test.status()).as(test.body()).isEqualTo(201);
        String testId = test.json().path("id").asString();
        Response run = http.post(
                "/api/v1/orgs/" + org.id() + "/runs", "{\"testId\":\"" + testId + "\"}", "Authorization", maintainer);
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> http.get(
                                        "/api/v1/orgs/" + org.id() + "/results?testId=" + testId,
                                        "Authorization",
                                        maintainer)
                                .json()
                                .path("items")
                                .get(0),
                        item -> item != null);
    }

    /** Field and message pairs about the probe (target and params), as a sorted set. */
    private static TreeSet<String> errors(JsonNode problem) {
        TreeSet<String> errors = new TreeSet<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asString();
            if (field.equals("target") || field.startsWith("params")) {
                errors.add(field + ": " + error.path("message").asString());
            }
        }
        return errors;
    }

    private HttpResponse<String> startOnNode(UUID runId, ProbeType type, String target, Map<String, Object> params)
            throws IOException, InterruptedException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("runId", runId.toString());
        spec.put("type", type.wireName());
        spec.put("target", target);
        spec.put("params", params);
        return client.send(
                toNode("/node/v1/runs", runId)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(spec)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void cancelOnNode(UUID runId) throws IOException, InterruptedException {
        HttpResponse<String> canceled = client.send(
                toNode("/node/v1/runs/" + runId + "/cancel", runId)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(canceled.statusCode()).as(canceled.body()).isLessThan(300);
    }

    /** A request to the node's control API with a run token for {@code runId}, as the API sends it. */
    private HttpRequest.Builder toNode(String path, UUID runId) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Authorization", "Bearer " + runTokens.issue(runId, nodeId, Duration.ofMinutes(2)));
    }

    /** Mostly a target the probe can use (on loopback, where nothing answers), sometimes a bad one. */
    private String target(ProbeType type, Random random) {
        if (random.nextInt(6) == 0) {
            return pick(random, "", "   ", "bad host!", "127.0.0.1:70000", "ftp://127.0.0.1/", "[::1", "a:b:c");
        }
        return switch (type) {
            case TCP_CONNECT, SSH, THROUGHPUT -> "127.0.0.1:" + closedTcp;
            case UDP_ECHO -> pick(random, "127.0.0.1:" + closedUdp, "[::1]:" + closedUdp);
            case HTTP -> "http://127.0.0.1:" + closedTcp + "/probe";
            case DNS -> pick(random, "example.test", "www.example.test.");
        };
    }

    /** Each parameter present or not, with a value at, inside or past its rule, or of the wrong type. */
    private Map<String, Object> params(ProbeContract contract, Random random) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParamRule rule : contract.params()) {
            if (random.nextBoolean()) {
                params.put(rule.name(), value(rule, random));
            }
        }
        // A query without a resolver would go to the machine's own; keep every query on loopback.
        if (contract.type() == ProbeType.DNS && !params.containsKey("resolver")) {
            params.put("resolver", "127.0.0.1:" + closedUdp);
        }
        if (random.nextInt(10) == 0) {
            params.put("bogus", 1);
        }
        return params;
    }

    private Object value(ParamRule rule, Random random) {
        return switch (rule) {
            case ParamRule.IntParam r -> {
                List<Object> values = new ArrayList<>(List.of(
                        r.min(),
                        r.max(),
                        r.min() + (long) (random.nextDouble() * (r.max() - r.min())),
                        r.min() + (long) (random.nextDouble() * (r.max() - r.min())),
                        r.min() - 1,
                        r.max() + 1,
                        "12",
                        1.5,
                        true));
                yield values.get(random.nextInt(values.size()));
            }
            case ParamRule.ChoiceParam r ->
                random.nextInt(4) == 0
                        ? pick(random, r.choices().getFirst().toLowerCase(java.util.Locale.ROOT) + "x", "", 7)
                        : r.choices().get(random.nextInt(r.choices().size()));
            case ParamRule.BoolParam r -> pick(random, true, false, false, "true", 1);
            case ParamRule.TextParam r ->
                r.name().equals("resolver")
                        ? pick(random, "127.0.0.1:" + closedUdp, "[::1]:" + closedUdp, "127.0.0.1", "bad host!", "", 5)
                        : pick(random, "abcdefgh12", "short", "has space in it", 9);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private UUID online(String name) {
        for (JsonNode n : http.get("/api/v1/orgs/" + org.id() + "/nodes", "Authorization", bearer(org.adminToken()))
                .json()) {
            if (n.path("name").asString().equals(name)
                    && n.path("status").asString().equals("ONLINE")) {
                return UUID.fromString(n.path("id").asString());
            }
        }
        return null;
    }
}
