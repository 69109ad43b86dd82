package io.waddleperf.api.nodes;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.EnrolledNode;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestNode;
import io.waddleperf.protocol.NodeSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Node settings from the API to a node: refused field by field with the node protocol's rules,
 * pushed in heartbeat answers while the node is behind, and, on a real node process, in effect on
 * its running iperf3 server as the stock iperf3 client sees it.
 */
@ApiIntegrationTest
class NodeSettingsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What iperf3 3.12 says when a server answers ACCESS_DENIED, whatever the server's reason. */
    private static final String REFUSED = "the server is busy running a test";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String admin;

    @BeforeEach
    void org() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Node settings " + UUID.randomUUID());
        admin = bearer(org.adminToken());
    }

    @Test
    void settingsReachARealNodeOnItsNextHeartbeatAndChangeItsRunningIperf3Server() throws Exception {
        String name = "node-settings-" + UUID.randomUUID().toString().substring(0, 8);
        String maintainer = bearer(fixtures.invite(org, "MAINTAINER").token());
        try (TestNode node =
                TestNode.start(name, port, fixtures.enrollmentToken(org), Files.createTempDirectory("wp-node-set"))) {
            String nodeId = fixtures.awaitOnlineNode(org, name).path("id").asString();
            // Stock configuration first: the node serves loopback clients.
            assertThat(iperf3(node, "-t", "1").path("error").isMissingNode()).isTrue();
            assertThat(settings(nodeId).path("state").asString()).isEqualTo("DEFAULT");

            // An allowlist without loopback: the next heartbeat carries it, the node applies it live.
            Response put = put(
                    nodeId,
                    "{\"allowlist\":[\"192.0.2.0/24\",\"2001:db8::/32\"],\"idleTimeoutSeconds\":30,"
                            + "\"region\":\"lab-west\",\"labels\":[\"edge\",\"tier=gold\"]}",
                    maintainer);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().path("version").asLong()).isEqualTo(1);
            assertThat(put.json().path("state").asString()).isEqualTo("PENDING");
            // Monitors and tests select by the settings' region and labels at once.
            JsonNode listed = node(nodeId);
            assertThat(listed.path("region").asString()).isEqualTo("lab-west");
            assertThat(listed.path("labels").toString()).isEqualTo("[\"edge\",\"tier=gold\"]");

            awaitApplied(nodeId, 1);
            JsonNode refused = iperf3(node, "-t", "1");
            assertThat(refused.path("error").asString()).contains(REFUSED);
            await().atMost(Duration.ofSeconds(10)).until(() -> nodeLog(name).contains(": NOT_ALLOWED"));
            // The node reports the region and labels it applied.
            JsonNode info = JSON.readTree(nodeGet(node, "/node/v1/info"));
            assertThat(info.path("region").asString()).isEqualTo("lab-west");
            assertThat(info.path("labels").toString()).isEqualTo("[\"edge\",\"tier=gold\"]");

            // Capacity 1 and the node's own allowlist again: a second concurrent test is refused.
            put = put(nodeId, "{\"capacity\":1,\"region\":\"lab-west\"}", maintainer);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().path("version").asLong()).isEqualTo(2);
            awaitApplied(nodeId, 2);
            Process first = new ProcessBuilder(
                            "iperf3",
                            "-c",
                            "127.0.0.1",
                            "-p",
                            Integer.toString(node.iperfPort()),
                            "-t",
                            "6",
                            // Into a pipe iperf3 would hold its lines back until it ends.
                            "--forceflush")
                    .redirectErrorStream(true)
                    .start();
            BufferedReader firstOutput =
                    new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            // iperf3 prints "connected" once the server admitted the test and its stream is up.
            String connected = CompletableFuture.supplyAsync(() -> awaitLine(firstOutput, "connected"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(connected).isNotNull();
            JsonNode second = iperf3(node, "-t", "1");
            assertThat(second.path("error").asString()).contains(REFUSED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> nodeLog(name).contains("refused iperf3 client /127.0.0.1")
                            && nodeLog(name).contains(": BUSY"));
            String rest = firstOutput.lines().collect(java.util.stream.Collectors.joining("\n"));
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(rest).isZero();
            assertThat(rest).contains("receiver");
            // labels left null: the node's own labels are reported and listed again.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> node(nodeId).path("labels").toString().equals("[]"));
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_events WHERE org_id = ? AND action = 'node.settings_changed'",
                        Long.class,
                        org.id().toString()))
                .isEqualTo(2);
    }

    @Test
    void refusesBadValuesFieldByFieldWithTheProtocolsMessagesAndKeepsTheSettings() {
        EnrolledNode node = fixtures.enrollNode(org, "edge-bad");

        Response refused = put(
                node.id().toString(),
                "{\"allowlist\":[\"10.0.0.0/8\",\"example.com\",\"10.0.0.0/33\"],\"idleTimeoutSeconds\":0,"
                        + "\"capacity\":1000,\"region\":\"eu west\",\"labels\":[\"ok\",\"no spaces\"]}",
                admin);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = refused.json().path("errors");
        assertThat(errors.valueStream().map(e -> e.path("field").asString()))
                .containsExactly(
                        "allowlist[1]", "allowlist[2]", "idleTimeoutSeconds", "capacity", "region", "labels[1]");
        assertThat(errors.get(0).path("message").asString()).isEqualTo(NodeSettings.ALLOWLIST_MESSAGE);
        assertThat(errors.get(3).path("message").asString()).isEqualTo(NodeSettings.CAPACITY_MESSAGE);
        assertThat(settings(node.id().toString()).path("version").asLong()).isZero();

        Response tooMany = put(
                node.id().toString(),
                "{\"labels\":" + JSON.writeValueAsString(java.util.Collections.nCopies(21, "edge")) + "}",
                admin);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("errors").get(0).path("field").asString())
                .isEqualTo("labels");
    }

    @Test
    void aHeartbeatAnswerCarriesTheSettingsUntilTheNodeAppliesOrRefusesThem() {
        EnrolledNode node = fixtures.enrollNode(org, "edge-protocol");
        String nodeId = node.id().toString();
        assertThat(beat(node, 0, null).path("settings").isNull()).isTrue();

        put(nodeId, "{\"allowlist\":[],\"capacity\":3,\"region\":\"lab\"}", admin);

        JsonNode pushed = beat(node, 0, null).path("settings");
        assertThat(pushed.path("version").asLong()).isEqualTo(1);
        assertThat(pushed.path("allowlist").toString()).isEqualTo("[]");
        assertThat(pushed.path("capacity").asInt()).isEqualTo(3);
        assertThat(pushed.path("idleTimeoutSeconds").isNull()).isTrue();
        assertThat(pushed.path("labels").isNull()).isTrue();
        // The node still reports its configured region; the settings' one is what it is listed with.
        assertThat(node(nodeId).path("region").asString()).isEqualTo("lab");

        // A refusal stops the pushing and shows with its reason.
        assertThat(beat(node, 0, "{\"version\":1,\"reason\":\"capacity must be 1..2 here\"}")
                        .path("settings")
                        .isNull())
                .isTrue();
        JsonNode rejected = settings(nodeId);
        assertThat(rejected.path("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejection").asString()).isEqualTo("capacity must be 1..2 here");

        // A new version is pushed again; once the node reports it, it is applied.
        put(nodeId, "{\"allowlist\":[],\"capacity\":2,\"region\":\"lab\"}", admin);
        assertThat(beat(node, 0, "{\"version\":1,\"reason\":\"capacity must be 1..2 here\"}")
                        .path("settings")
                        .path("version")
                        .asLong())
                .isEqualTo(2);
        assertThat(beat(node, 2, null).path("settings").isNull()).isTrue();
        JsonNode applied = settings(nodeId);
        assertThat(applied.path("state").asString()).isEqualTo("APPLIED");
        assertThat(applied.path("appliedVersion").asLong()).isEqualTo(2);
        assertThat(applied.path("appliedAt").isNull()).isFalse();

        // A restarted node starts from its configuration (version 0) and gets them again.
        assertThat(beat(node, 0, null).path("settings").path("version").asLong())
                .isEqualTo(2);
        assertThat(settings(nodeId).path("state").asString()).isEqualTo("PENDING");
    }

    private JsonNode beat(EnrolledNode node, long settingsVersion, String rejected) {
        String report = Fixtures.nodeReport("us-east");
        String body = report.substring(0, report.length() - 1) + ",\"settingsVersion\":" + settingsVersion
                + ",\"settingsRejected\":" + rejected + "}";
        Response answer = http.post("/api/v1/node/heartbeat", body, "Authorization", "Bearer " + node.credential());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private Response put(String nodeId, String body, String bearerToken) {
        return http.send(http.request(
                        "/api/v1/orgs/" + org.id() + "/nodes/" + nodeId + "/settings",
                        "Authorization",
                        bearerToken,
                        "Content-Type",
                        "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode settings(String nodeId) {
        Response got = http.get("/api/v1/orgs/" + org.id() + "/nodes/" + nodeId + "/settings", "Authorization", admin);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json();
    }

    private JsonNode node(String nodeId) {
        return http.get("/api/v1/orgs/" + org.id() + "/nodes/" + nodeId, "Authorization", admin)
                .json();
    }

    private void awaitApplied(String nodeId, long version) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode current = settings(nodeId);
                    return "APPLIED".equals(current.path("state").asString())
                            && current.path("appliedVersion").asLong() == version;
                });
    }

    /** Runs the stock iperf3 client against the node's iperf3 server; answers its {@code -J} document. */
    private static JsonNode iperf3(TestNode node, String... options) {
        List<String> command = new java.util.ArrayList<>(
                List.of("iperf3", "-c", "127.0.0.1", "-p", Integer.toString(node.iperfPort()), "-J"));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return JSON.readTree(out.isBlank() ? "{}" : out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + " (apt-get install -y iperf3)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String nodeGet(TestNode node, String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    /** What the node process logged so far (TestNode keeps it in target/test-nodes). */
    private static String nodeLog(String name) throws IOException {
        return Files.readString(Path.of("target", "test-nodes", name + ".log"));
    }

    private static String awaitLine(BufferedReader reader, String fragment) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
