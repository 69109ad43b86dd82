package io.waddleperf.testserver.speedtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The browser speed-test endpoints over real HTTP, with byte counts checked end to end. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        // Same properties as ControlApiIT, so both share one application context.
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
class SpeedTestIT {

    private static final String UI = "https://ui.example.test";

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        http.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void downloadStreamsExactlyTheRequestedBytesUncached() throws Exception {
        // More than the 1 MiB source buffer, and not a multiple of it.
        long bytes = 3L * 1024 * 1024 + 12_345;
        HttpResponse<InputStream> response = http.send(
                request("/speedtest/download?bytes=" + bytes).build(), HttpResponse.BodyHandlers.ofInputStream());

        long received;
        try (InputStream body = response.body()) {
            received = body.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).isEqualTo(bytes);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(bytes);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    }

    @Test
    void downloadRejectsBadSizesWithProblems() throws Exception {
        for (String query : new String[] {"bytes=0", "bytes=-5", "bytes=abc", "", "bytes=" + (9L * 1024 * 1024)}) {
            HttpResponse<String> response =
                    http.send(request("/speedtest/download?" + query).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).contains("application/problem+json");
        }
    }

    @Test
    void uploadCountsEveryByte() throws Exception {
        byte[] payload = new byte[2 * 1024 * 1024 + 7];
        HttpResponse<String> response = http.send(
                request("/speedtest/upload")
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bytes\":" + payload.length).contains("\"millis\":");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void uploadRefusesMoreThanTheLimit() throws Exception {
        // Chunked, one byte over the limit: the node reads up to the limit and refuses the rest,
        // which is then small enough to swallow, so the client reads the answer cleanly.
        byte[] payload = new byte[8 * 1024 * 1024 + 1];
        HttpResponse<String> response = http.send(
                request("/speedtest/upload")
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("https://waddleperf.io/problems/upload-too-large");
    }

    @Test
    void pingAnswersWithTheServerClock() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> response =
                http.send(request("/speedtest/ping").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        long serverTime = Long.parseLong(response.body().replaceAll("\\D", ""));
        assertThat(serverTime).isBetween(before, System.currentTimeMillis());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void allowsCrossOriginCallsFromTheWebUiOnly() throws Exception {
        HttpResponse<String> allowed = http.send(
                request("/speedtest/upload")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", UI)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> simple = http.send(
                request("/speedtest/ping").header("Origin", UI).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> foreign = http.send(
                request("/speedtest/ping")
                        .header("Origin", "https://evil.example.test")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
