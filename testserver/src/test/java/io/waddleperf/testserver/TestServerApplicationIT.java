package io.waddleperf.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.testserver.echo.UdpEchoServer;
import io.waddleperf.testserver.iperf.server.IperfServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "waddleperf.echo.port=0",
            "waddleperf.echo.bind-address=127.0.0.1",
            "waddleperf.iperf.port=0",
            "waddleperf.iperf.bind-address=127.0.0.1"
        })
class TestServerApplicationIT {

    @Value("${local.server.port}")
    int httpPort;

    @Autowired
    UdpEchoServer echo;

    @Autowired
    IperfServer iperf;

    @Autowired
    MeterRegistry meters;

    @Test
    void reportsHealthUp() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void answersUdpEchoOnTheConfiguredPort() throws Exception {
        byte[] ping = "waddle".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(2000);
            client.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), echo.localPort()));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            client.receive(reply);

            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII))
                    .isEqualTo("waddle");
        }
    }

    @Test
    void servesTheStockIperf3ClientOnTheConfiguredPort() throws Exception {
        Process client = new ProcessBuilder(
                        "iperf3", "-c", "127.0.0.1", "-p", Integer.toString(iperf.localPort()), "-t", "1", "-J")
                .redirectErrorStream(true)
                .start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as(output).isZero();
        assertThat(output).contains("\"sum_received\"").doesNotContain("\"error\"");
        assertThat(meters.find("waddleperf.iperf.tests")
                        .tag("outcome", "completed")
                        .counter())
                .isNotNull();
    }
}
