package io.waddleperf.testserver.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.testserver.echo.UdpEchoServer;
import io.waddleperf.testserver.iperf.TcpInfoReader;
import io.waddleperf.testserver.iperf.server.IperfServer;
import io.waddleperf.testserver.probes.PacketCapture;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The control API over real HTTP: per-run tokens (static HMAC key, as a standalone node runs),
 * NDJSON progress read line by line while the probe runs, cancellation, capacity, problems.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        // Same properties as SpeedTestIT, so both share one application context.
        properties = {
            "waddleperf.echo.port=0",
            "waddleperf.echo.bind-address=127.0.0.1",
            "waddleperf.iperf.port=0",
            "waddleperf.iperf.bind-address=127.0.0.1",
            "waddleperf.control.static-key=test-static-key-0123456789abcdef-0123456789",
            "waddleperf.node.capacity=2",
            "waddleperf.probes.allow-loopback=true",
            "waddleperf.speedtest.allowed-origins=https://ui.example.test",
            "waddleperf.speedtest.max-download=8MB",
            "waddleperf.speedtest.max-upload=8MB"
        })
class ControlApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @Autowired
    IperfServer iperf;

    @Autowired
    UdpEchoServer echo;

    @Autowired
    PacketCapture capture;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void nodeIsIdleAgain() {
        // Runs a test left behind would eat the capacity of the next one.
        await().atMost(Duration.ofSeconds(10)).until(() -> info().path("load").asInt() == 0);
        http.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<Stream<String>> events(String runId, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/node/v1/runs/" + runId + "/events"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private JsonNode info() throws Exception {
        return JSON.readTree(
                http.send(HttpRequest.newBuilder(uri("/node/v1/info")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private static String spec(String runId, String type, String target, String params) {
        return "{\"runId\":\"" + runId + "\",\"type\":\"" + type + "\",\"target\":\"" + target + "\",\"params\":"
                + params + "}";
    }

    private record Line(JsonNode json, long arrivedNanos) {}

    @Test
    void startsARunAndStreamsItsProgressLiveUntilTheResult() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            String token = TestTokens.forRun("run-live");
            HttpResponse<String> accepted = post(
                    "/node/v1/runs",
                    spec(
                            "run-live",
                            "tcp_connect",
                            "127.0.0.1:" + target.getLocalPort(),
                            "{\"count\":25,\"intervalMillis\":100}"),
                    token);

            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.headers().firstValue("Location")).contains("/node/v1/runs/run-live/events");
            assertThat(JSON.readTree(accepted.body()).path("status").asString()).isEqualTo("running");

            HttpResponse<Stream<String>> stream = events("run-live", token);
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
            List<Line> lines = new ArrayList<>();
            try (Stream<String> body = stream.body()) {
                Iterator<String> it = body.iterator();
                while (it.hasNext()) {
                    lines.add(new Line(JSON.readTree(it.next()), System.nanoTime()));
                }
            }

            assertThat(lines.getFirst().json().path("event").asString()).isEqualTo("started");
            assertThat(lines.getFirst().json().path("type").asString()).isEqualTo("tcp_connect");
            List<JsonNode> samples = lines.stream()
                    .map(Line::json)
                    .filter(line -> line.path("event").asString().equals("sample"))
                    .toList();
            assertThat(samples).isNotEmpty();
            assertThat(samples.getFirst().path("progress").path("total").asInt())
                    .isEqualTo(25);
            JsonNode result = lines.getLast().json();
            assertThat(result.path("event").asString()).isEqualTo("result");
            assertThat(result.path("status").asString()).isEqualTo("succeeded");
            assertThat(result.path("result").path("succeeded").asInt()).isEqualTo(25);
            assertThat(result.path("result").path("rtt").path("p95").asDouble()).isPositive();
            // The run takes about 2.4 s; lines that arrive spread over it were streamed, not buffered.
            long spread = lines.getLast().arrivedNanos() - lines.getFirst().arrivedNanos();
            assertThat(Duration.ofNanos(spread)).isGreaterThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void startsARunAndAnswersItsEventsInTheSameExchangeWhenAskedToFollow() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            String token = TestTokens.forRun("run-follow");
            HttpResponse<Stream<String>> response = http.send(
                    HttpRequest.newBuilder(uri("/node/v1/runs?follow=true"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(spec(
                                    "run-follow",
                                    "tcp_connect",
                                    "127.0.0.1:" + target.getLocalPort(),
                                    "{\"count\":3,\"intervalMillis\":50}")))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
            assertThat(response.headers().firstValue("Location")).contains("/node/v1/runs/run-follow/events");
            List<JsonNode> lines;
            try (Stream<String> body = response.body()) {
                lines = body.map(JSON::readTree).toList();
            }
            assertThat(lines.getFirst().path("event").asString()).isEqualTo("started");
            assertThat(lines.getLast().path("event").asString()).isEqualTo("result");
            assertThat(lines.getLast().path("result").path("succeeded").asInt()).isEqualTo(3);
            // A reader that joins afterwards still gets the whole run.
            try (Stream<String> again = events("run-follow", token).body()) {
                assertThat(again.count()).isEqualTo(lines.size());
            }
        }
    }

    @Test
    void refusesToFollowARunWithAnotherRunsToken() throws Exception {
        HttpResponse<String> response = post(
                "/node/v1/runs?follow=true",
                spec("run-d", "tcp_connect", "127.0.0.1:1", "{}"),
                TestTokens.forRun("run-c"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/token-not-for-run");
    }

    @Test
    void refusesRequestsWithoutAToken() throws Exception {
        HttpResponse<String> response = post("/node/v1/runs", spec("run-x", "tcp_connect", "127.0.0.1:1", "{}"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(JSON.readTree(response.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/unauthenticated");
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        String expired = TestTokens.hmac(
                TestTokens.claims("run-old", Duration.ofMinutes(-2)).build());

        HttpResponse<String> response =
                post("/node/v1/runs", spec("run-old", "tcp_connect", "127.0.0.1:1", "{}"), expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/invalid-token");
    }

    @Test
    void refusesATokenIssuedForAnotherRun() throws Exception {
        String otherRunsToken = TestTokens.forRun("run-a");

        HttpResponse<String> start =
                post("/node/v1/runs", spec("run-b", "tcp_connect", "127.0.0.1:1", "{}"), otherRunsToken);
        HttpResponse<String> cancel = post("/node/v1/runs/run-b/cancel", "", otherRunsToken);

        assertThat(start.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(start.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/token-not-for-run");
        assertThat(cancel.statusCode()).isEqualTo(403);
    }

    @Test
    void answersAnInvalidSpecWithEveryBadFieldInOneProblem() throws Exception {
        String token = TestTokens.forRun("run-bad");

        HttpResponse<String> invalid = post(
                "/node/v1/runs",
                spec("run-bad", "udp_echo", "127.0.0.1:2000", "{\"count\":0,\"packetSize\":10}"),
                token);
        HttpResponse<String> malformed = post("/node/v1/runs", "{\"runId\": ", token);

        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(invalid.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://waddleperf.io/problems/validation");
        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactly("params.count", "params.packetSize");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/malformed-json");
    }

    @Test
    void refusesMetadataTargets() throws Exception {
        HttpResponse<String> response = post(
                "/node/v1/runs",
                spec("run-ssrf", "http", "http://169.254.169.254/latest/meta-data/", "{}"),
                TestTokens.forRun("run-ssrf"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/target-refused");
    }

    @Test
    void refusesRunsBeyondCapacityAndCancelsOnRequest() throws Exception {
        // A bound socket that never answers keeps the UDP probes busy for as long as we like.
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String target = "127.0.0.1:" + silent.getLocalPort();
            String params = "{\"count\":10000,\"intervalMillis\":10}";
            for (String runId : List.of("run-c1", "run-c2")) {
                assertThat(post("/node/v1/runs", spec(runId, "udp_echo", target, params), TestTokens.forRun(runId))
                                .statusCode())
                        .isEqualTo(202);
            }

            HttpResponse<String> full =
                    post("/node/v1/runs", spec("run-c3", "udp_echo", target, params), TestTokens.forRun("run-c3"));
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).contains("1");
            assertThat(JSON.readTree(full.body()).path("type").asString())
                    .isEqualTo("https://waddleperf.io/problems/node-busy");
            assertThat(info().path("load").asInt()).isEqualTo(2);

            for (String runId : List.of("run-c1", "run-c2")) {
                assertThat(post("/node/v1/runs/" + runId + "/cancel", "", TestTokens.forRun(runId))
                                .statusCode())
                        .isEqualTo(202);
                try (Stream<String> lines =
                        events(runId, TestTokens.forRun(runId)).body()) {
                    JsonNode last = JSON.readTree(
                            lines.reduce((first, second) -> second).orElseThrow());
                    assertThat(last.path("event").asString()).isEqualTo("result");
                    assertThat(last.path("status").asString()).isEqualTo("cancelled");
                }
            }
        }
    }

    @Test
    void answers404ForAnUnknownRun() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/node/v1/runs/run-nope/events"))
                        .header("Authorization", "Bearer " + TestTokens.forRun("run-nope"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("type").asString())
                .isEqualTo("https://waddleperf.io/problems/run-not-found");
    }

    @Test
    void describesTheNodeWithoutAToken() throws Exception {
        JsonNode info = info();

        // "capture" is there exactly when this machine lets tcpdump capture (root or CAP_NET_RAW).
        assertThat(info.path("capabilities").toString())
                .isEqualTo("[\"tcp_connect\",\"udp_echo\",\"http\",\"dns\",\"ssh\",\"throughput\""
                        + (capture.available() ? ",\"capture\"" : "") + "]");
        assertThat(info.path("capacity").asInt()).isEqualTo(2);
        assertThat(info.path("version").asString()).isNotBlank();
        assertThat(info.path("region").asString()).isEqualTo("default");
    }

    /** Reads a run's whole NDJSON stream. */
    private List<JsonNode> allEvents(String runId) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<String> body = events(runId, TestTokens.forRun(runId)).body()) {
            Iterator<String> it = body.iterator();
            while (it.hasNext()) {
                lines.add(JSON.readTree(it.next()));
            }
        }
        return lines;
    }

    private static List<JsonNode> samples(List<JsonNode> lines) {
        return lines.stream()
                .filter(line -> line.path("event").asString().equals("sample"))
                .toList();
    }

    @Test
    void throughputRunMeasuresAgainstAnIperf3ServerWithLatencyUnderLoad() throws Exception {
        String params = "{\"durationSeconds\":3,\"streams\":2,\"echoPort\":" + echo.localPort() + "}";
        HttpResponse<String> accepted = post(
                "/node/v1/runs",
                spec("run-tput", "throughput", "127.0.0.1:" + iperf.localPort(), params),
                TestTokens.forRun("run-tput"));
        assertThat(accepted.statusCode()).isEqualTo(202);

        List<JsonNode> lines = allEvents("run-tput");

        assertThat(lines.getFirst().path("type").asString()).isEqualTo("throughput");
        List<JsonNode> samples = samples(lines);
        assertThat(samples).isNotEmpty().allSatisfy(sample -> {
            JsonNode progress = sample.path("progress");
            assertThat(progress.path("second").asInt()).isPositive();
            assertThat(progress.path("sentMbps").asDouble()).isPositive();
            assertThat(progress.path("receivedMbps").asDouble()).isZero();
            // TCP: no loss or jitter figures at all rather than zeros.
            assertThat(progress.has("lostPackets")).isFalse();
            assertThat(progress.has("jitterMillis")).isFalse();
        });
        JsonNode last = lines.getLast();
        assertThat(last.path("status").asString()).isEqualTo("succeeded");
        JsonNode result = last.path("result");
        assertThat(result.path("protocol").asString()).isEqualTo("tcp");
        assertThat(result.path("port").asInt()).isEqualTo(iperf.localPort());
        assertThat(result.path("streams").asInt()).isEqualTo(2);
        assertThat(result.path("sentBytes").asLong()).isPositive();
        assertThat(result.path("receivedBytes").asLong()).isZero();
        assertThat(result.path("uploadMbps").asDouble()).isPositive();
        assertThat(result.path("downloadMbps").asDouble()).isZero();
        if (TcpInfoReader.available()) {
            // The node's own TCP_INFO: its retransmits, and per second its window and RTT.
            assertThat(result.path("retransmits").isNumber()).isTrue();
            assertThat(result.path("intervals")).allSatisfy(interval -> {
                assertThat(interval.path("sndCwndBytes").asLong()).isPositive();
                assertThat(interval.path("rttMicros").asLong()).isPositive();
                assertThat(interval.path("rttvarMicros").isNumber()).isTrue();
                assertThat(interval.path("pmtuBytes").asLong()).isGreaterThanOrEqualTo(1280);
                assertThat(interval.has("sndWndBytes")).isTrue();
            });
            assertThat(samples).allSatisfy(sample -> {
                JsonNode progress = sample.path("progress");
                assertThat(progress.path("tcpRttMicros").asLong()).isPositive();
                assertThat(progress.path("tcpRttvarMicros").isNumber()).isTrue();
                assertThat(progress.path("pmtuBytes").asLong()).isGreaterThanOrEqualTo(1280);
            });
            // At the end, the figures over the test as iperf3's end-of-test sender figures.
            JsonNode tcp = result.path("tcp");
            assertThat(tcp.path("retransmits").asLong())
                    .isEqualTo(result.path("retransmits").asLong());
            assertThat(tcp.path("maxSndCwndBytes").asLong()).isPositive();
            assertThat(tcp.path("meanRttMicros").asLong()).isPositive();
            assertThat(tcp.path("pmtuBytes").asLong())
                    .isEqualTo(result.path("intervals")
                            .get(result.path("intervals").size() - 1)
                            .path("pmtuBytes")
                            .asLong());
        } else {
            assertThat(result.path("retransmits").isNull()).isTrue();
            assertThat(result.path("tcp").isNull()).isTrue();
        }
        assertThat(result.path("jitterMillis").isNull()).isTrue();
        assertThat(result.path("lostPackets").isNull()).isTrue();
        assertThat(result.path("latencyUnderLoad").path("samples").asInt()).isPositive();
        assertThat(result.path("latencyUnderLoad").path("p50").asDouble()).isPositive();
        assertThat(result.path("latencyUnderLoadNote").isNull()).isTrue();
        assertThat(result.path("intervals")).hasSizeGreaterThanOrEqualTo(3);
        // Our server received what our client sent, byte for byte: the upload rate is the
        // sent bytes over the measured time, so it cannot exceed the bytes over 3 s by much.
        double impliedMbps = result.path("sentBytes").asLong() * 8 / 3.0 / 1e6;
        assertThat(result.path("uploadMbps").asDouble()).isBetween(impliedMbps * 0.9, impliedMbps * 1.1);
    }

    @Test
    void aStandaloneNodeKeepsNoCaptureOfARunThatAskedForOne() throws Exception {
        // Other processes on the machine (a benchmark, an aborted run) may have left theirs.
        Set<String> before = captureDirectories();
        String params = "{\"durationSeconds\":1,\"capture\":true,\"echoPort\":" + echo.localPort() + "}";
        HttpResponse<String> accepted = post(
                "/node/v1/runs",
                spec("run-capture", "throughput", "127.0.0.1:" + iperf.localPort(), params),
                TestTokens.forRun("run-capture"));
        assertThat(accepted.statusCode()).isEqualTo(202);

        JsonNode last = allEvents("run-capture").getLast();

        assertThat(last.path("status").asString()).isEqualTo("succeeded");
        JsonNode note = last.path("result").path("captureNote");
        if (capture.available()) {
            assertThat(note.isNull()).isTrue();
        } else {
            assertThat(note.asString()).startsWith("capture unavailable: ");
        }
        // No API to hand the pcap to: the node deleted it rather than keeping it.
        assertThat(captureDirectories()).isSubsetOf(before);
    }

    private static Set<String> captureDirectories() throws IOException {
        try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temporary
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("waddleperf-capture-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void udpReverseThroughputReportsLossAndNotesAMissingEcho() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String params = "{\"protocol\":\"udp\",\"reverse\":true,\"durationSeconds\":2,"
                    + "\"bandwidthBitsPerSecond\":50000000,\"packetSize\":1200,\"echoPort\":"
                    + silent.getLocalPort() + "}";
            assertThat(post(
                                    "/node/v1/runs",
                                    spec("run-udp", "throughput", "127.0.0.1:" + iperf.localPort(), params),
                                    TestTokens.forRun("run-udp"))
                            .statusCode())
                    .isEqualTo(202);

            List<JsonNode> lines = allEvents("run-udp");

            assertThat(samples(lines)).isNotEmpty().allSatisfy(sample -> {
                assertThat(sample.path("progress").path("receivedMbps").asDouble())
                        .isPositive();
                assertThat(sample.path("progress").has("lostPackets")).isTrue();
                assertThat(sample.path("progress").has("jitterMillis")).isTrue();
            });
            JsonNode result = lines.getLast().path("result");
            assertThat(lines.getLast().path("status").asString()).isEqualTo("succeeded");
            assertThat(result.path("downloadMbps").asDouble()).isPositive();
            assertThat(result.path("totalPackets").asLong()).isPositive();
            assertThat(result.path("receivedBytes").asLong() / 1200
                            + result.path("lostPackets").asLong())
                    .isEqualTo(result.path("totalPackets").asLong());
            assertThat(result.path("jitterMillis").isNumber()).isTrue();
            assertThat(result.path("latencyUnderLoad").isNull()).isTrue();
            assertThat(result.path("latencyUnderLoadNote").asString())
                    .contains("no UDP echo answered at 127.0.0.1:" + silent.getLocalPort());
        }
    }

    @Test
    void throughputRunWaitsForASlotInsteadOfBeingRefused() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String target = "127.0.0.1:" + silent.getLocalPort();
            String params = "{\"count\":10000,\"intervalMillis\":10}";
            for (String runId : List.of("run-q1", "run-q2")) {
                assertThat(post("/node/v1/runs", spec(runId, "udp_echo", target, params), TestTokens.forRun(runId))
                                .statusCode())
                        .isEqualTo(202);
            }

            HttpResponse<String> queued = post(
                    "/node/v1/runs",
                    spec("run-q3", "throughput", "127.0.0.1:" + iperf.localPort(), "{\"durationSeconds\":1}"),
                    TestTokens.forRun("run-q3"));
            assertThat(queued.statusCode()).isEqualTo(202);
            HttpResponse<Stream<String>> stream = events("run-q3", TestTokens.forRun("run-q3"));
            List<JsonNode> lines = new ArrayList<>();
            try (Stream<String> body = stream.body()) {
                Iterator<String> it = body.iterator();
                while (it.hasNext()) {
                    JsonNode line = JSON.readTree(it.next());
                    lines.add(line);
                    if (line.path("progress").path("queued").asBoolean()) {
                        // Seen waiting: free a slot.
                        assertThat(info().path("load").asInt()).isEqualTo(2);
                        assertThat(post("/node/v1/runs/run-q1/cancel", "", TestTokens.forRun("run-q1"))
                                        .statusCode())
                                .isEqualTo(202);
                    }
                }
            }
            assertThat(samples(lines))
                    .anySatisfy(sample -> assertThat(
                                    sample.path("progress").path("queued").asBoolean())
                            .isTrue());
            assertThat(lines.getLast().path("status").asString()).isEqualTo("succeeded");
            assertThat(lines.getLast().path("result").path("uploadMbps").asDouble())
                    .isPositive();
            assertThat(post("/node/v1/runs/run-q2/cancel", "", TestTokens.forRun("run-q2"))
                            .statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void cancellingAThroughputRunEndsTheIperf3TestOnBothSides() throws Exception {
        String token = TestTokens.forRun("run-tcancel");
        assertThat(post(
                                "/node/v1/runs",
                                spec(
                                        "run-tcancel",
                                        "throughput",
                                        "127.0.0.1:" + iperf.localPort(),
                                        "{\"durationSeconds\":60,\"reverse\":true}"),
                                token)
                        .statusCode())
                .isEqualTo(202);

        JsonNode last = null;
        try (Stream<String> body = events("run-tcancel", token).body()) {
            Iterator<String> it = body.iterator();
            boolean cancelled = false;
            while (it.hasNext()) {
                last = JSON.readTree(it.next());
                if (!cancelled && last.path("event").asString().equals("sample")) {
                    assertThat(iperf.activeTests()).isEqualTo(1);
                    assertThat(post("/node/v1/runs/run-tcancel/cancel", "", token)
                                    .statusCode())
                            .isEqualTo(202);
                    cancelled = true;
                }
            }
        }

        assertThat(last.path("status").asString()).isEqualTo("cancelled");
        // The client told the server (CLIENT_TERMINATE) and closed its sockets: the server's test ends too.
        await().atMost(Duration.ofSeconds(10)).until(() -> iperf.activeTests() == 0);
    }

    @Test
    void throughputParametersFollowTheApisBounds() throws Exception {
        HttpResponse<String> invalid = post(
                "/node/v1/runs",
                spec(
                        "run-tbad",
                        "throughput",
                        "127.0.0.1:5201",
                        "{\"protocol\":\"sctp\",\"durationSeconds\":301,\"streams\":129,\"packetSize\":63,"
                                + "\"bandwidthBitsPerSecond\":100000000001,\"omitSeconds\":11,"
                                + "\"reverse\":true,\"bidirectional\":true}"),
                TestTokens.forRun("run-tbad"));

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).path("errors").findValuesAsString("field"))
                .containsExactly(
                        "params.bandwidthBitsPerSecond",
                        "params.durationSeconds",
                        "params.omitSeconds",
                        "params.packetSize",
                        "params.protocol",
                        "params.streams");
    }
}
