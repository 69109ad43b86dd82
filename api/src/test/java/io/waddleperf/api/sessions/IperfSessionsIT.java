package io.waddleperf.api.sessions;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.SseClient;
import io.waddleperf.api.support.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Sessions of outside clients end to end: a real node process enrolled with the API runs its
 * iperf3 server on loopback, the stock {@code iperf3} client (not the API) tests against it, and
 * the node page's endpoints show each session with its figures, refusals with their reason, live
 * progress while a test runs, filters, CSV and JSON export, and nothing to another organisation.
 *
 * <p>The node takes one test at a time ({@code capacity=1}), so a second client during a test is
 * refused as stock iperf3 refuses it ("the server is busy").
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IperfSessionsIT {

    private static final Duration NODE_START = Duration.ofSeconds(90);
    private static final Duration REPORTED = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    Path state;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    Org other;
    TestNode node;
    UUID nodeId;
    UUID runId;
    Instant before;

    @BeforeAll
    void startNodeAndRunStockClients() throws IOException {
        // Not @TempDir: a per-class instance's fields are not yet injected when @BeforeAll runs.
        state = Files.createTempDirectory("iperf-sessions-it");
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Sessions " + UUID.randomUUID());
        other = fixtures.createOrg("Sessions other " + UUID.randomUUID());
        String name = "sessions-" + UUID.randomUUID().toString().substring(0, 8);
        node = TestNode.start(
                name,
                port,
                fixtures.enrollmentToken(org),
                state,
                List.of("--waddleperf.iperf.capacity=1", "--waddleperf.iperf.max-tests-per-client=1"));
        nodeId = UUID.fromString(fixtures.awaitOnlineNode(org, name).path("id").asString());
        before = Instant.now();
        // The node must have its credential before the first test, or the report waits for the next
        // round of its sender; being online means it has.
        // The node takes one test at a time: each client starts once the node has reported the
        // previous one's session, so it does not find the node still ending that test ("the
        // server is busy", which failed the -R client once in CI).
        String[][] clients = {{"-t", "2", "-P", "2"}, {"-t", "2", "-R"}, {"-t", "2", "-u", "-b", "20M"}};
        for (int i = 0; i < clients.length; i++) {
            Client client = iperf3(clients[i]);
            assertThat(client.exitCode()).as(client.output()).isZero();
            int reported = i + 1;
            await().atMost(REPORTED)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> items("outcome=ok").size() >= reported);
        }
        // A run the API dispatches to the node against its own iperf3 port is a session too, the run's.
        String maintainer = bearer(fixtures.invite(org, "MAINTAINER").token());
        Response test = http.post(
                "/api/v1/orgs/" + org.id() + "/tests",
                "{\"name\":\"own port\",\"type\":\"throughput\",\"target\":\"127.0.0.1:" + node.iperfPort()
                        + "\",\"params\":{\"durationSeconds\":1,\"echoPort\":" + node.echoPort()
                        + "},\"nodeSelector\":{\"nodeId\":\"" + nodeId + "\"}}",
                "Authorization",
                maintainer);
        assertThat(test.status()).as(test.body()).isEqualTo(201);
        Response run = http.post(
                "/api/v1/orgs/" + org.id() + "/runs",
                "{\"testId\":\"" + test.json().path("id").asString() + "\"}",
                "Authorization",
                maintainer);
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        runId = UUID.fromString(run.json().path("id").asString());
        await().atMost(REPORTED.plusSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> items("origin=run").size() == 1);
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyStockClientTestIsASessionWithItsFigures() {
        JsonNode upload = only(items("direction=upload&protocol=tcp&origin=outside"));
        assertThat(upload.path("streams").asInt()).isEqualTo(2);
        assertThat(upload.path("uploadMbps").asDouble()).isPositive();
        assertThat(upload.path("downloadMbps").isNull()).isTrue();
        assertThat(upload.path("retransmits").isNumber())
                .as("a TCP upload's retransmits come from the client's results: %s", upload)
                .isTrue();
        assertThat(upload.path("receivedBytes").asLong()).isPositive();
        assertThat(upload.path("durationSeconds").asDouble()).isGreaterThan(1.5);
        assertThat(upload.path("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(upload.path("clientPort").asInt()).isPositive();
        assertThat(upload.path("clientVersion").asString()).startsWith("3.");
        // Loopback is nowhere on a map.
        assertThat(upload.path("countryCode").isNull()).isTrue();
        assertThat(upload.path("outcome").asString()).isEqualTo("ok");
        assertThat(upload.path("reason").isNull()).isTrue();

        JsonNode download = only(items("direction=download"));
        assertThat(download.path("protocol").asString()).isEqualTo("tcp");
        assertThat(download.path("streams").asInt()).isEqualTo(1);
        assertThat(download.path("downloadMbps").asDouble()).isPositive();
        assertThat(download.path("retransmits").isNumber())
                .as("a download's retransmits are the node's own TCP_INFO: %s", download)
                .isTrue();

        JsonNode udp = only(items("protocol=udp"));
        assertThat(udp.path("direction").asString()).isEqualTo("upload");
        assertThat(udp.path("uploadMbps").asDouble()).isPositive();
        assertThat(udp.path("retransmits").isNull()).isTrue();
        assertThat(udp.path("jitterMillis").isNumber()).isTrue();
        assertThat(udp.path("totalPackets").asLong()).isPositive();

        // The detail carries the per-second intervals the history graph draws.
        Response detail = get("/" + download.path("id").asString());
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonNode intervals = detail.json().path("intervals");
        assertThat(intervals.size()).isGreaterThanOrEqualTo(2);
        assertThat(intervals.path(0).path("downloadMbps").asDouble()).isPositive();
    }

    @Test
    void aRunTheApiDispatchedIsMarkedWithItsRunAndOutsideClientsAreNot() {
        JsonNode dispatched = only(items("origin=run"));
        assertThat(dispatched.path("runId").asString()).isEqualTo(runId.toString());
        assertThat(dispatched.path("direction").asString()).isEqualTo("upload");
        assertThat(dispatched.path("protocol").asString()).isEqualTo("tcp");
        List<JsonNode> all = items("");
        List<JsonNode> outside = items("origin=outside");
        assertThat(outside)
                .hasSize(all.size() - 1)
                .allSatisfy(session -> assertThat(session.path("runId").isNull())
                        .as("a stock client's session names no run: %s", session)
                        .isTrue());
        // The export carries it too.
        Response csv = http.get(path("/export?origin=run&format=csv"), "Authorization", bearer(org.adminToken()));
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst().orElseThrow()).endsWith(",runId");
        assertThat(csv.body().lines().skip(1).toList())
                .singleElement()
                .asString()
                .endsWith("," + runId);

        Response bad = get("?origin=mine");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("origin");
    }

    @Test
    void aReportNamingARunThatIsNotTheOrganisationsThroughputRunIsAnOutsideClients() {
        Fixtures.EnrolledNode fake = fixtures.enrollNode(org, "sessions-claims");
        Fixtures.EnrolledNode foreign = fixtures.enrollNode(other, "sessions-claims-other");
        String report = "{\"sessions\":[{\"sessionId\":\"claim-1\",\"clientAddress\":\"198.51.100.9\","
                + "\"clientPort\":50000,\"startedAt\":\"2026-12-01T10:00:00Z\",\"endedAt\":"
                + "\"2026-12-01T10:00:02Z\",\"streams\":1,\"receivedBytes\":1,\"sentBytes\":0,"
                + "\"durationSeconds\":2,\"outcome\":\"ok\",\"runId\":\"RUN\"}],\"dropped\":0}";
        // Another organisation's node names this organisation's run; this one's names a run that does not exist.
        assertThat(http.post(
                                "/api/v1/node/sessions",
                                report.replace("RUN", runId.toString()),
                                "Authorization",
                                bearer(foreign.credential()))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/api/v1/node/sessions",
                                report.replace("RUN", UUID.randomUUID().toString()),
                                "Authorization",
                                bearer(fake.credential()))
                        .status())
                .isEqualTo(200);
        JsonNode theirs = http.get(
                        "/api/v1/orgs/" + other.id() + "/nodes/" + foreign.id() + "/sessions",
                        "Authorization",
                        bearer(other.adminToken()))
                .json()
                .path("items");
        JsonNode ours = http.get(
                        "/api/v1/orgs/" + org.id() + "/nodes/" + fake.id() + "/sessions",
                        "Authorization",
                        bearer(org.adminToken()))
                .json()
                .path("items");
        assertThat(theirs.size()).isEqualTo(1);
        assertThat(theirs.path(0).path("runId").isNull()).isTrue();
        assertThat(ours.size()).isEqualTo(1);
        assertThat(ours.path(0).path("runId").isNull()).isTrue();
    }

    @Test
    void aTestInProgressIsLiveAndASecondClientIsRefusedWithItsReason() throws Exception {
        try (SseClient.Live live = SseClient.open(http.request(
                path("/events"),
                "Authorization",
                bearer(fixtures.invite(org, "VIEWER").token())))) {
            assertThat(live.status()).isEqualTo(200);
            Process running = start("-t", "5");
            try {
                SseClient.Event progress = nextEvent(live, "progress", Duration.ofSeconds(20));
                assertThat(progress).as("a progress event while the test runs").isNotNull();
                assertThat(progress.data().path("direction").asString()).isEqualTo("upload");
                assertThat(progress.data().path("interval").path("uploadMbps").asDouble())
                        .isPositive();
                // The one slot is taken: stock iperf3 hears "the server is busy" and gives up.
                Client refused = iperf3("-t", "1");
                assertThat(refused.exitCode()).as(refused.output()).isNotZero();
                assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(running.exitValue()).isZero();
            } finally {
                running.destroyForcibly();
            }
            JsonNode refusal = await().atMost(REPORTED)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> items("outcome=refused"), list -> !list.isEmpty())
                    .getFirst();
            assertThat(refusal.path("reason").asString()).isIn("busy", "client-limit");
            assertThat(refusal.path("direction").isNull()).isTrue();
            assertThat(refusal.path("clientAddress").asString()).isEqualTo("127.0.0.1");
            // The connection log hears of both sessions as they are stored: the refusal and the
            // five-second test it ran beside.
            List<String> seen = new ArrayList<>();
            boolean refusalSeen = false;
            boolean testSeen = false;
            while (!(refusalSeen && testSeen)) {
                SseClient.Event session = nextEvent(live, "session", REPORTED);
                assertThat(session).as("session events, so far %s", seen).isNotNull();
                JsonNode data = session.data();
                seen.add(data.path("outcome").asString() + "/"
                        + data.path("durationSeconds").asDouble());
                refusalSeen |=
                        data.path("id").asString().equals(refusal.path("id").asString());
                testSeen |= data.path("outcome").asString().equals("ok")
                        && data.path("durationSeconds").asDouble() > 4;
            }
        }
    }

    @Test
    void filtersNarrowTheHistoryAndExportsParse() {
        List<JsonNode> all = items("");
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);
        assertThat(items("client=127.0.0.0/8")).hasSize(all.size());
        assertThat(items("client=127.0.0.1")).hasSize(all.size());
        assertThat(items("client=10.0.0.0/8")).isEmpty();
        assertThat(items("client=::1")).isEmpty();
        assertThat(items("protocol=udp"))
                .allSatisfy(s -> assertThat(s.path("protocol").asString()).isEqualTo("udp"));
        assertThat(items("from=" + enc(Instant.now().plusSeconds(3600).toString())))
                .isEmpty();
        assertThat(items("from=" + enc(before.minusSeconds(1).toString()) + "&to="
                        + enc(Instant.now().plusSeconds(60).toString())))
                .hasSize(all.size());

        // Paging walks the same list.
        Response first = get("?limit=2");
        assertThat(first.json().path("items").size()).isEqualTo(2);
        String cursor = first.json().path("nextCursor").asString();
        Response second = get("?limit=500&cursor=" + cursor);
        assertThat(second.json().path("items").size()).isEqualTo(all.size() - 2);

        Response csv = get("/export?format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = Arrays.asList(csv.body().split("\r\n"));
        assertThat(lines.getFirst()).startsWith("id,sessionId,nodeId,clientAddress,clientPort,");
        int columns = lines.getFirst().split(",", -1).length;
        assertThat(lines.subList(1, lines.size()))
                .hasSize(all.size())
                .allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
        assertThat(lines.subList(1, lines.size()))
                .anySatisfy(line -> assertThat(line).contains(",127.0.0.1,").contains(",download,tcp,"));

        Response json =
                http.get(path("/export"), "Authorization", bearer(org.adminToken()), "Accept", "application/json");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().size()).isEqualTo(all.size());
        Response udpOnly = get("/export?format=json&protocol=udp");
        assertThat(udpOnly.json().size()).isEqualTo(items("protocol=udp").size());
    }

    @Test
    void badFiltersAreRefusedFieldByField() {
        Response bad = get("?from=yesterday&client=example.com&outcome=maybe&direction=up&protocol=sctp&limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactly("client", "direction", "from", "limit", "outcome", "protocol");
        assertThat(get("?client=10.0.0.0/33").status()).isEqualTo(400);
        assertThat(get("?client=999.1.1.1").status()).isEqualTo(400);
        Response format = get("/export?format=xml");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().path("errors").path(0).path("field").asString())
                .isEqualTo("format");
    }

    @Test
    void anotherOrganisationSeesNothing() {
        Response otherAdmin = http.get(path(""), "Authorization", bearer(other.adminToken()));
        assertThat(otherAdmin.status()).isEqualTo(404);
        // Its own organisation in the path, our node: not found either.
        String foreign = "/api/v1/orgs/" + other.id() + "/nodes/" + nodeId + "/sessions";
        assertThat(http.get(foreign, "Authorization", bearer(other.adminToken()))
                        .status())
                .isEqualTo(404);
        assertThat(http.get(foreign + "/export", "Authorization", bearer(other.adminToken()))
                        .status())
                .isEqualTo(404);
        // A viewer of the organisation reads.
        Response viewer = http.get(
                path(""), "Authorization", bearer(fixtures.invite(org, "VIEWER").token()));
        assertThat(viewer.status()).isEqualTo(200);
    }

    @Test
    void nodeCallsNeedANodeCredentialAndValidReports() {
        Response anonymous = http.post("/api/v1/node/sessions", "{\"sessions\":[],\"dropped\":0}");
        assertThat(anonymous.status()).isEqualTo(401);
        Fixtures.EnrolledNode fake = fixtures.enrollNode(org, "sessions-fake");
        String report = "{\"sessions\":[{\"sessionId\":\"s 1\",\"clientAddress\":\"no-ip\",\"clientPort\":70000,"
                + "\"startedAt\":\"2026-12-01T10:00:00Z\",\"endedAt\":\"2026-12-01T10:00:02Z\",\"streams\":1,"
                + "\"receivedBytes\":1,\"sentBytes\":0,\"durationSeconds\":2,\"outcome\":\"ok\"}],\"dropped\":0}";
        Response refused = http.post("/api/v1/node/sessions", report, "Authorization", bearer(fake.credential()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("sessions[0].sessionId", "sessions[0].clientAddress", "sessions[0].clientPort");
        // A retried batch stores its sessions once.
        String good =
                report.replace("s 1", "s-1").replace("no-ip", "198.51.100.7").replace("70000", "50000");
        Response once = http.post("/api/v1/node/sessions", good, "Authorization", bearer(fake.credential()));
        Response twice = http.post("/api/v1/node/sessions", good, "Authorization", bearer(fake.credential()));
        assertThat(once.json().path("stored").asInt()).isEqualTo(1);
        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.json().path("stored").asInt()).isZero();
        Response stored = http.get(
                "/api/v1/orgs/" + org.id() + "/nodes/" + fake.id() + "/sessions",
                "Authorization",
                bearer(org.adminToken()));
        assertThat(stored.json().path("items").size()).isEqualTo(1);
    }

    // --- helpers ---

    private String path(String rest) {
        return "/api/v1/orgs/" + org.id() + "/nodes/" + nodeId + "/sessions" + rest;
    }

    private Response get(String rest) {
        return http.get(path(rest), "Authorization", bearer(org.adminToken()));
    }

    private List<JsonNode> items(String query) {
        Response page = get("?limit=500" + (query.isEmpty() ? "" : "&" + query));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().path("items").forEach(items::add);
        return items;
    }

    private static JsonNode only(List<JsonNode> items) {
        assertThat(items).as("exactly one such session").hasSize(1);
        return items.getFirst();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static SseClient.Event nextEvent(SseClient.Live live, String name, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event event = live.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event != null && event.name().equals(name)) {
                return event;
            }
        }
        return null;
    }

    record Client(int exitCode, String output) {}

    private Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "iperf3", "-c", "127.0.0.1", "-p", Integer.toString(node.iperfPort()), "--connect-timeout", "5000"));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(state, "iperf3", ".log");
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the stock iperf3 client is missing: apt-get install iperf3 (the test needs it)", e);
        }
    }

    /** Runs the stock client to its end. */
    private Client iperf3(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "iperf3", "-c", "127.0.0.1", "-p", Integer.toString(node.iperfPort()), "--connect-timeout", "5000"));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Client(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the stock iperf3 client is missing: apt-get install iperf3 (the test needs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
