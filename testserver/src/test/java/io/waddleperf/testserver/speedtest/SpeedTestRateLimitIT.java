package io.waddleperf.testserver.speedtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The per-address limit of the speed-test endpoints, set to three requests a minute. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "waddleperf.echo.port=0",
            "waddleperf.echo.bind-address=127.0.0.1",
            "waddleperf.iperf.port=0",
            "waddleperf.iperf.bind-address=127.0.0.1",
            "waddleperf.control.static-key=test-static-key-0123456789abcdef-0123456789",
            "waddleperf.speedtest.allowed-origins=https://ui.example.test",
            "waddleperf.speedtest.requests-per-ip-per-minute=3"
        })
class SpeedTestRateLimitIT {

    private static final String UI = "https://ui.example.test";

    @Value("${local.server.port}")
    int port;

    @Test
    void anAddressPastItsBudgetGets429WhileAnotherAddressIsServed() throws Exception {
        try (HttpClient first = client("127.0.0.1");
                HttpClient second = client("127.0.0.2")) {
            for (int i = 0; i < 3; i++) {
                assertThat(ping(first).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = ping(first);
            HttpResponse<String> other = ping(second);

            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter = refused.headers().firstValueAsLong("Retry-After").orElseThrow();
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"status\":429").contains("/rate-limited");
            // The browser page must be able to read the refusal: CORS headers are on it.
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(UI);
            assertThat(other.statusCode()).isEqualTo(200);
        }
    }

    private static HttpClient client(String localAddress) throws Exception {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(localAddress))
                .build();
    }

    private HttpResponse<String> ping(HttpClient http) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/speedtest/ping"))
                        .header("Origin", UI)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
