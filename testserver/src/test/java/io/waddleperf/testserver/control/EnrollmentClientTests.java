package io.waddleperf.testserver.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waddleperf.protocol.NodeSettings;
import io.waddleperf.testserver.control.CredentialStore.Credential;
import io.waddleperf.testserver.settings.IperfSettingsChanged;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enrolment/heartbeat client against a stub of the API's node endpoints (JDK HttpServer on
 * 127.0.0.1), with intervals shrunk to milliseconds.
 */
class EnrollmentClientTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Call(String path, String authorization, String idempotencyKey, JsonNode body, long nanos) {}

    @TempDir
    Path stateDir;

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private HttpServer api;
    private Runs runs;
    private EnrollmentClient client;
    private NodeStatus status;
    /** Status the stub answers a heartbeat with, given the credential it carries. */
    private volatile Function<String, Integer> heartbeatStatus = credential -> 204;
    /** Body the stub answers a heartbeat with. */
    private volatile String heartbeatAnswer = "";
    /** Events the settings applier published, as the node's servers would receive them. */
    private final Queue<Object> published = new ConcurrentLinkedQueue<>();

    private NodeSettingsApplier settings;

    @BeforeEach
    void startStubApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger enrolments = new AtomicInteger();
        api.createContext(EnrollmentClient.ENROLL_PATH, exchange -> {
            Call call = record(exchange);
            int n = enrolments.incrementAndGet();
            boolean tokenOk = "enrol-123".equals(call.body().path("token").asString());
            respond(
                    exchange,
                    tokenOk ? 201 : 401,
                    tokenOk
                            ? "{\"nodeId\":\"node-1\",\"credential\":\"cred-" + n + "\"}"
                            : "{\"title\":\"bad token\"}");
        });
        api.createContext(EnrollmentClient.HEARTBEAT_PATH, exchange -> {
            Call call = record(exchange);
            int code = heartbeatStatus.apply(call.authorization());
            respond(exchange, code, code == 200 ? heartbeatAnswer : "");
        });
        api.start();
        NodeProperties node = new NodeProperties("node-a", "eu-west", List.of("edge", "dc1"), 4, null);
        ControlProperties control = new ControlProperties(
                null,
                null,
                "waddleperf-node",
                null,
                Duration.ofMinutes(15),
                Duration.ofMinutes(10),
                Duration.ofSeconds(60));
        runs = new Runs(JSON, node, control, new StaticListableBeanFactory().getBeanProvider(EnrollmentClient.class));
        status = new NodeStatus(node, runs, List.of("tcp_connect", "udp_echo"), "1.2.3");
        settings = new NodeSettingsApplier(published::add, status);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.stop();
        }
        runs.destroy();
        api.stop(0);
    }

    private Call record(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Call call = new Call(
                exchange.getRequestURI().getPath(),
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                JSON.readTree(body),
                System.nanoTime());
        calls.add(call);
        return call;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private EnrollmentClient start(String token) {
        EnrollmentProperties properties = new EnrollmentProperties(
                URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/"),
                token,
                stateDir,
                Duration.ofMillis(100),
                Duration.ofMillis(40),
                Duration.ofMillis(400),
                Duration.ofSeconds(2));
        client = new EnrollmentClient(properties, status, JSON, settings);
        client.start();
        return client;
    }

    private List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    @Test
    void enrolsStoresTheCredentialPrivatelyAndHeartbeats() throws Exception {
        start("enrol-123");

        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= 2);
        Call enrol = calls(EnrollmentClient.ENROLL_PATH).getFirst();
        assertThat(enrol.body().path("token").asString()).isEqualTo("enrol-123");
        assertThat(enrol.body().path("name").asString()).isEqualTo("node-a");
        assertThat(enrol.body().path("region").asString()).isEqualTo("eu-west");
        assertThat(enrol.body().path("version").asString()).isEqualTo("1.2.3");
        assertThat(enrol.body().path("labels").toString()).isEqualTo("[\"edge\",\"dc1\"]");
        assertThat(enrol.body().path("capabilities").toString()).isEqualTo("[\"tcp_connect\",\"udp_echo\"]");
        assertThat(enrol.idempotencyKey()).isNotBlank();

        Call heartbeat = calls(EnrollmentClient.HEARTBEAT_PATH).getFirst();
        assertThat(heartbeat.authorization()).isEqualTo("Bearer cred-1");
        assertThat(heartbeat.body().path("nodeId").asString()).isEqualTo("node-1");
        assertThat(heartbeat.body().path("capacity").asInt()).isEqualTo(4);
        assertThat(heartbeat.body().path("load").asInt()).isZero();
        assertThat(heartbeat.body().has("systemLoad")).isTrue();
        assertThat(calls(EnrollmentClient.HEARTBEAT_PATH))
                .extracting(Call::idempotencyKey)
                .doesNotHaveDuplicates();

        Path file = stateDir.resolve(CredentialStore.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"credential\":\"cred-1\"");
        assertThat(status.nodeId()).isEqualTo("node-1");
    }

    @Test
    void handsAnArtefactToTheApiWithTheNodeCredential() throws Exception {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        AtomicInteger answer = new AtomicInteger(201);
        api.createContext("/api/v1/node/runs/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.UTF_8));
            respond(exchange, answer.get(), "{\"title\":\"artefact\"}");
        });
        Path pcap = Files.writeString(stateDir.resolve("capture.pcap"), "pcap bytes");
        start("enrol-123");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= 1);

        client.handOver("run-7", "capture.pcap", pcap, "application/vnd.tcpdump.pcap");

        assertThat(received)
                .containsExactly("/api/v1/node/runs/run-7/artefacts/capture.pcap Bearer cred-1"
                        + " application/vnd.tcpdump.pcap pcap bytes");
        answer.set(409);
        assertThatThrownBy(() -> client.handOver("run-7", "capture.pcap", pcap, "application/vnd.tcpdump.pcap"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 409");
    }

    @Test
    void aStandaloneNodeHasNobodyToHandArtefactsTo() throws Exception {
        EnrollmentClient standalone = new EnrollmentClient(
                new EnrollmentProperties(
                        null,
                        null,
                        stateDir,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(5)),
                status,
                JSON,
                settings);
        standalone.start();
        try {
            assertThatThrownBy(() -> standalone.handOver(
                            "run-1", "capture.pcap", stateDir.resolve("x"), "application/vnd.tcpdump.pcap"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("standalone");
        } finally {
            standalone.stop();
        }
    }

    @Test
    void reusesAStoredCredentialInsteadOfEnrollingAgain() {
        new CredentialStore(stateDir, JSON)
                .save(new Credential(
                        "node-9",
                        "cred-stored",
                        "http://127.0.0.1:" + api.getAddress().getPort()));

        start("");

        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= 1);
        assertThat(calls(EnrollmentClient.ENROLL_PATH)).isEmpty();
        assertThat(calls(EnrollmentClient.HEARTBEAT_PATH).getFirst().authorization())
                .isEqualTo("Bearer cred-stored");
        assertThat(status.nodeId()).isEqualTo("node-9");
    }

    @Test
    void backsOffExponentiallyWhileTheApiIsAwayAndRecovers() {
        AtomicInteger failuresLeft = new AtomicInteger(4);
        heartbeatStatus = credential -> failuresLeft.getAndDecrement() > 0 ? 503 : 204;

        start("enrol-123");

        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= 1);
        List<Call> heartbeats = calls(EnrollmentClient.HEARTBEAT_PATH);
        assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(5);
        long firstGap = heartbeats.get(1).nanos() - heartbeats.get(0).nanos();
        long fourthGap = heartbeats.get(4).nanos() - heartbeats.get(3).nanos();
        // Delays are 20-40, 40-80, 80-160, 160-320 ms with jitter: the fourth always exceeds the first.
        assertThat(fourthGap).isGreaterThan(firstGap);
    }

    @Test
    void enrolsAgainWhenTheApiRevokesTheCredential() {
        new CredentialStore(stateDir, JSON)
                .save(new Credential(
                        "node-9",
                        "cred-revoked",
                        "http://127.0.0.1:" + api.getAddress().getPort()));
        heartbeatStatus = credential -> credential.equals("Bearer cred-revoked") ? 401 : 204;

        start("enrol-123");

        await().atMost(Duration.ofSeconds(10)).until(() -> client.heartbeats() >= 1);
        assertThat(calls(EnrollmentClient.ENROLL_PATH)).hasSize(1);
        assertThat(calls(EnrollmentClient.HEARTBEAT_PATH).getLast().authorization())
                .isEqualTo("Bearer cred-1");
        assertThat(status.nodeId()).isEqualTo("node-1");
    }

    @Test
    void appliesSettingsFromAHeartbeatAnswerAndReportsTheAppliedVersion() {
        heartbeatStatus = credential -> 200;
        heartbeatAnswer = "{\"nodeId\":\"node-1\",\"status\":\"ONLINE\",\"heartbeatIntervalSeconds\":5,"
                + "\"settings\":{\"version\":2,\"allowlist\":[\"192.0.2.0/24\"],\"idleTimeoutSeconds\":30,"
                + "\"capacity\":2,\"region\":\"us-east\",\"labels\":[\"edge\",\"tier=gold\"]}}";

        start("enrol-123");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> calls(EnrollmentClient.HEARTBEAT_PATH).stream()
                        .anyMatch(call -> call.body().path("settingsVersion").asLong() == 2));
        JsonNode reported = calls(EnrollmentClient.HEARTBEAT_PATH).stream()
                .filter(call -> call.body().path("settingsVersion").asLong() == 2)
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(reported.path("region").asString()).isEqualTo("us-east");
        assertThat(reported.path("labels").toString()).isEqualTo("[\"edge\",\"tier=gold\"]");
        assertThat(reported.path("settingsRejected").isNull()).isTrue();
        // The first heartbeat, before any answer, reported the configuration and version 0.
        JsonNode first = calls(EnrollmentClient.HEARTBEAT_PATH).getFirst().body();
        assertThat(first.path("settingsVersion").asLong()).isZero();
        assertThat(first.path("region").asString()).isEqualTo("eu-west");
        // Pushed again and again while the API has not seen the ack, applied once.
        assertThat(published)
                .containsExactly(new IperfSettingsChanged(List.of("192.0.2.0/24"), Duration.ofSeconds(30), 2));
    }

    @Test
    void refusesSettingsThatBreakTheRulesAndSaysWhyInTheNextHeartbeat() {
        heartbeatStatus = credential -> 200;
        heartbeatAnswer = "{\"settings\":{\"version\":3,\"allowlist\":[\"example.com\"],\"capacity\":0,"
                + "\"region\":\"us-east\"}}";

        start("enrol-123");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> calls(EnrollmentClient.HEARTBEAT_PATH).stream()
                        .anyMatch(call -> call.body().path("settingsRejected").isObject()));
        JsonNode reported = calls(EnrollmentClient.HEARTBEAT_PATH).stream()
                .filter(call -> call.body().path("settingsRejected").isObject())
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(reported.path("settingsVersion").asLong()).isZero();
        assertThat(reported.path("settingsRejected").path("version").asLong()).isEqualTo(3);
        assertThat(reported.path("settingsRejected").path("reason").asString())
                .isEqualTo("allowlist[0] " + NodeSettings.ALLOWLIST_MESSAGE + "; capacity "
                        + NodeSettings.CAPACITY_MESSAGE);
        // Nothing of a refused record is applied, not even its valid region.
        assertThat(reported.path("region").asString()).isEqualTo("eu-west");
        assertThat(published).isEmpty();
    }

    @Test
    void aSettingTheServerCannotTakeIsRefusedAsAWhole() {
        NodeSettingsApplier refusing = new NodeSettingsApplier(
                event -> {
                    throw new IllegalArgumentException("capacity must be 1..256");
                },
                status);

        refusing.apply(new NodeSettings(4, null, null, 100, "us-east", null));

        assertThat(refusing.appliedVersion()).isZero();
        assertThat(refusing.rejected()).isNotNull();
        assertThat(status.info().region()).isEqualTo("eu-west");
    }

    @Test
    void doesNothingWithoutAnApiUrl() {
        client = new EnrollmentClient(
                new EnrollmentProperties(
                        null,
                        null,
                        stateDir,
                        Duration.ofMillis(100),
                        Duration.ofMillis(40),
                        Duration.ofMillis(400),
                        Duration.ofSeconds(2)),
                status,
                JSON,
                settings);

        client.start();

        assertThat(client.isRunning()).isTrue();
        assertThat(client.connected()).isFalse();
        assertThat(calls).isEmpty();
        assertThat(stateDir).isEmptyDirectory();
    }
}
