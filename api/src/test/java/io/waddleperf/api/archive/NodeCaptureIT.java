package io.waddleperf.api.archive;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestNode;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * A real node captures a throughput run's packet headers with tcpdump and hands the file to the
 * API, which stores it in the embedded S3Proxy as the run's {@code capture.pcap}; the downloaded
 * bytes are a capture tcpdump reads. A tier-3 run (SPEC section 6) asks for the capture by itself.
 */
@ApiIntegrationTest
class NodeCaptureIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void aThroughputRunWithCaptureEndsWithItsPcapStoredInTheArchive() throws Exception {
        assumeCapturing();
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Capture " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        String name = "node-capture-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestNode node = TestNode.start(
                name, port, fixtures.enrollmentToken(org), Files.createTempDirectory("wp-node-capture"))) {
            JsonNode online = awaitOnline(fixtures, org, name);

            // 8 Mbit/s keeps the capture within the tests' 256 KB artefact limit; loopback at full
            // speed would make megabytes of headers in a second.
            Response test = http.post(
                    "/api/v1/orgs/" + org.id() + "/tests",
                    "{\"name\":\"capture\",\"type\":\"throughput\",\"target\":\"127.0.0.1:" + node.iperfPort()
                            + "\",\"params\":{\"durationSeconds\":1,\"bandwidthBitsPerSecond\":8000000,"
                            + "\"capture\":true,\"echoPort\":"
                            + node.echoPort() + "},\"nodeSelector\":{\"nodeId\":\""
                            + online.path("id").asString() + "\"}}",
                    "Authorization",
                    admin);
            assertThat(test.status()).as(test.body()).isEqualTo(201);
            Response accepted = http.post(
                    "/api/v1/orgs/" + org.id() + "/runs",
                    "{\"testId\":\"" + test.json().path("id").asString() + "\"}",
                    "Authorization",
                    admin);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String runId = accepted.json().path("id").asString();

            JsonNode run = fixtures.awaitRunEnd(org, admin, runId, Duration.ofSeconds(60));
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");

            String artefacts = "/api/v1/orgs/" + org.id() + "/runs/" + runId + "/artefacts";
            JsonNode capture = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> pcap(
                                    http.get(artefacts, "Authorization", admin).json()),
                            item -> item != null
                                    && "stored".equals(item.path("state").asString()));
            assertThat(capture.path("sizeBytes").asLong()).isGreaterThan(24);

            String packets = downloadAndRead(http, admin, artefacts);
            assertThat(packets).contains("." + node.iperfPort() + ": Flags [S]");
        }
    }

    @Test
    void aTierThreeRunAgainstANodeArchivesTheCaptureOfItsThroughputProbe() throws Exception {
        assumeCapturing();
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Tier 3 capture " + UUID.randomUUID());
        String admin = bearer(org.adminToken());
        String name = "node-tier3-" + UUID.randomUUID().toString().substring(0, 8);
        // 500 packets (at most 72 KB) keep a full-speed loopback test within the tests' 256 KB
        // artefact limit; the tests' tier 3 transfers for 2 s instead of 60 (ApiIntegrationTest).
        try (TestNode node = TestNode.start(
                name,
                port,
                fixtures.enrollmentToken(org),
                Files.createTempDirectory("wp-node-tier3"),
                List.of("--waddleperf.capture.max-packets=500"))) {
            JsonNode online = awaitOnline(fixtures, org, name);
            Response accepted = http.post(
                    "/api/v1/orgs/" + org.id() + "/runs",
                    "{\"tier\":3,\"target\":\"127.0.0.1\",\"iperfPort\":" + node.iperfPort()
                            + ",\"udpEchoPort\":" + node.echoPort() + ",\"nodeSelector\":{\"nodeId\":\""
                            + online.path("id").asString() + "\"}}",
                    "Authorization",
                    admin);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String runId = accepted.json().path("id").asString();

            JsonNode run = fixtures.awaitRunEnd(org, admin, runId, Duration.ofSeconds(90));
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
            JsonNode throughput = null;
            for (JsonNode child : run.path("children")) {
                if ("throughput".equals(child.path("type").asString())) {
                    throughput = child;
                }
            }
            assertThat(throughput).as(run.toString()).isNotNull();
            assertThat(throughput.path("target").asString()).isEqualTo("127.0.0.1:" + node.iperfPort());
            // The node stopped recording at its packet limit, and the result says so.
            assertThat(throughput.path("result").path("captureNote").asString())
                    .isEqualTo("capture cut short: the first 500 packets only (max-packets)");

            // The tier run's page lists its probe runs' artefacts: the capture is the throughput's.
            String artefacts = "/api/v1/orgs/" + org.id() + "/runs/" + runId + "/artefacts";
            JsonNode capture = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> pcap(
                                    http.get(artefacts, "Authorization", admin).json()),
                            item -> item != null
                                    && "stored".equals(item.path("state").asString()));
            assertThat(capture.path("runId").asString())
                    .isEqualTo(throughput.path("id").asString());

            String packets = downloadAndRead(
                    http,
                    admin,
                    "/api/v1/orgs/" + org.id() + "/runs/"
                            + capture.path("runId").asString() + "/artefacts");
            List<String> lines = packets.lines().toList();
            assertThat(lines).hasSize(500);
            // The handshake of the test, and nothing but the test's flows: iperf3 and the echo.
            assertThat(packets).contains("." + node.iperfPort() + ": Flags [S]");
            String iperf = "127.0.0.1." + node.iperfPort();
            String echo = "127.0.0.1." + node.echoPort();
            assertThat(lines)
                    .allSatisfy(line -> assertThat(line.contains(iperf) || line.contains(echo))
                            .as(line)
                            .isTrue());
        }
    }

    private static void assumeCapturing() {
        // The node process runs as this JVM's user; tcpdump needs root (or CAP_NET_RAW) to capture.
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "packet capture needs root; this JVM runs as " + System.getProperty("user.name"));
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed");
    }

    private static JsonNode awaitOnline(Fixtures fixtures, Org org, String name) {
        JsonNode online = fixtures.awaitOnlineNode(org, name);
        assertThat(online.path("capabilities").toString()).contains("\"capture\"");
        return online;
    }

    /** Downloads {@code capture.pcap} through its presigned link and answers {@code tcpdump -r -nn}'s lines. */
    private static String downloadAndRead(HttpTestClient http, String bearerToken, String artefacts) throws Exception {
        Response link = http.get(artefacts + "/capture.pcap/link", "Authorization", bearerToken);
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        HttpResponse<byte[]> download;
        try (HttpClient client = HttpClient.newHttpClient()) {
            download = client.send(
                    HttpRequest.newBuilder(URI.create(link.json().path("url").asString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        assertThat(download.statusCode()).isEqualTo(200);
        Path file = Files.createTempFile("capture-", ".pcap");
        try {
            Files.write(file, download.body());
            Process read = new ProcessBuilder(tcpdump(), "-r", file.toString(), "-nn")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String packets = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(read.waitFor()).isZero();
            return packets;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String tcpdump() {
        return Files.isExecutable(Path.of("/usr/bin/tcpdump")) ? "/usr/bin/tcpdump" : "/usr/sbin/tcpdump";
    }

    private static JsonNode pcap(JsonNode list) {
        for (JsonNode item : list.path("items")) {
            if ("capture.pcap".equals(item.path("name").asString())) {
                return item;
            }
        }
        return null;
    }
}
