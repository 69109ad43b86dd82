package io.waddleperf.testserver.iperf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.TestSettings;
import io.waddleperf.testserver.iperf.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node settings pushed by the API change the running server: allowlist, capacity and idle timeout
 * take effect for the next connection, without a restart, and a bad value changes nothing.
 */
class IperfServerReconfigureTests {

    private final Queue<IperfConnectionRefused> refused = new ConcurrentLinkedQueue<>();
    private final IperfListener listener = new IperfListener() {
        @Override
        public void connectionRefused(IperfConnectionRefused event) {
            refused.add(event);
        }
    };
    private IperfServer server;

    @BeforeEach
    void startServer() {
        server = IperfServer.start(
                TestSettings.settings(4, 4, Duration.ofSeconds(10), List.of()), listener, new SimpleMeterRegistry());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anAllowlistWithoutTheClientRefusesItAndRestoringTheConfigurationAdmitsItAgain() throws IOException {
        server.reconfigure(List.of("192.0.2.0/24", "2001:db8::/32"), null, null);

        try (RawClient client = RawClient.connect(server.localPort())) {
            client.sendCookie(RawClient.newCookie());
            assertThat(client.readState()).isEqualTo(Wire.ACCESS_DENIED);
        }
        assertThat(refused)
                .extracting(IperfConnectionRefused::reason)
                .containsExactly(IperfConnectionRefused.Reason.NOT_ALLOWED);

        server.reconfigure(null, null, null);

        try (RawClient client = RawClient.connect(server.localPort())) {
            client.sendCookie(RawClient.newCookie());
            assertThat(client.readState()).isEqualTo(Wire.PARAM_EXCHANGE);
        }
    }

    @Test
    void aLowerCapacityRefusesTheNextTestAndARaisedOneAdmitsIt() throws IOException {
        server.reconfigure(null, null, 1);

        try (RawClient first = RawClient.connect(server.localPort())) {
            first.sendCookie(RawClient.newCookie());
            assertThat(first.readState()).isEqualTo(Wire.PARAM_EXCHANGE);

            try (RawClient second = RawClient.connect(server.localPort())) {
                second.sendCookie(RawClient.newCookie());
                assertThat(second.readState()).isEqualTo(Wire.ACCESS_DENIED);
            }

            server.reconfigure(null, null, 2);

            try (RawClient third = RawClient.connect(server.localPort())) {
                third.sendCookie(RawClient.newCookie());
                assertThat(third.readState()).isEqualTo(Wire.PARAM_EXCHANGE);
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> server.activeTests() == 0);
    }

    @Test
    void aShorterIdleTimeoutClosesASilentConnectionSooner() throws IOException {
        server.reconfigure(null, Duration.ofSeconds(1), null);

        try (RawClient silent = RawClient.connect(server.localPort())) {
            // Sends nothing: the server closes it after the new 1 s, well within the client's 5 s
            // read timeout; under the configured 10 s the read would time out and fail.
            silent.assertClosedByServer();
        }
    }

    @Test
    void refusesABadValueAndKeepsWhatItHad() throws IOException {
        server.reconfigure(List.of("192.0.2.0/24"), null, null);

        assertThatThrownBy(() -> server.reconfigure(List.of("10.0.0.0/8", "not-an-address"), null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-an-address");
        assertThatThrownBy(() -> server.reconfigure(null, null, 0)).isInstanceOf(IllegalArgumentException.class);

        try (RawClient client = RawClient.connect(server.localPort())) {
            client.sendCookie(RawClient.newCookie());
            assertThat(client.readState()).isEqualTo(Wire.ACCESS_DENIED);
        }
    }
}
