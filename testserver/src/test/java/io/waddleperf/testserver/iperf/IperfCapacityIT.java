package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused.Reason;
import io.waddleperf.testserver.iperf.server.IperfServer;
import io.waddleperf.testserver.iperf.server.IperfStreamResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Admission: several tests at once up to capacity, and iperf3's own refusal beyond it. */
class IperfCapacityIT {

    private static final String BUSY = "the server is busy running a test";

    private final RecordingListener listener = new RecordingListener();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void refusesASecondClientWhileTheOnlySlotIsTaken() {
        try (IperfServer server = start(1, 1, List.of())) {
            CompletableFuture<StockIperf3.Run> first = StockIperf3.start(server.localPort(), "-t", "2");
            await().atMost(Duration.ofSeconds(10)).until(() -> !listener.started.isEmpty());

            StockIperf3.Run second = StockIperf3.run(server.localPort(), "-t", "1");

            // iperf3 3.12 exits 0 on errors when printing JSON; the error is in the document.
            assertThat(second.error()).contains(BUSY);
            assertThat(refusals("busy")).isEqualTo(1.0);
            assertThat(listener.refused)
                    .extracting(IperfConnectionRefused::reason)
                    .containsExactly(Reason.BUSY);
            assertThat(first.join().exitCode()).isZero();
            assertThat(listener.awaitResult(1).outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(listener.finished).hasSize(1);
        }
    }

    @Test
    void refusesAClientOverItsOwnLimitWhileSlotsRemain() {
        try (IperfServer server = start(4, 1, List.of())) {
            CompletableFuture<StockIperf3.Run> first = StockIperf3.start(server.localPort(), "-t", "2");
            await().atMost(Duration.ofSeconds(10)).until(() -> !listener.started.isEmpty());

            StockIperf3.Run second = StockIperf3.run(server.localPort(), "-t", "1");

            assertThat(second.error()).contains(BUSY);
            assertThat(refusals("client-limit")).isEqualTo(1.0);
            assertThat(first.join().exitCode()).isZero();
        }
    }

    @Test
    void refusesClientsOutsideTheAllowlist() {
        try (IperfServer server = start(4, 4, List.of("10.0.0.0/8", "192.0.2.7"))) {
            StockIperf3.Run refused = StockIperf3.run(server.localPort(), "-t", "1");

            assertThat(refused.error()).contains(BUSY);
            assertThat(refusals("not-allowed")).isEqualTo(1.0);
            assertThat(listener.refused)
                    .extracting(IperfConnectionRefused::reason)
                    .containsExactly(Reason.NOT_ALLOWED);
            assertThat(server.activeTests()).isZero();
        }
    }

    @Test
    void runsTwoUdpTestsFromOneAddressAtOnceWithoutMixingTheirStreams() {
        try (IperfServer server = start(2, 2, List.of())) {
            CompletableFuture<StockIperf3.Run> first =
                    StockIperf3.start(server.localPort(), "-u", "-b", "100M", "-l", "1400", "-t", "2", "-P", "2");
            CompletableFuture<StockIperf3.Run> second =
                    StockIperf3.start(server.localPort(), "-u", "-b", "50M", "-l", "1400", "-t", "2", "-P", "2");

            StockIperf3.Run fast = first.join();
            StockIperf3.Run slow = second.join();

            assertThat(fast.exitCode()).as(fast.stderr()).isZero();
            assertThat(slow.exitCode()).as(slow.stderr()).isZero();
            assertThat(listener.awaitResult(2)).isNotNull();
            assertThat(listener.finished).allSatisfy(result -> {
                assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(result.streams()).hasSize(2);
            });
            // Each server-side test received what one of the clients sent, never a mix of both.
            assertThat(listener.finished)
                    .extracting(result -> result.receivedBytes() + lostPackets(result) * 1400)
                    .containsExactlyInAnyOrder(fast.bytes("sum"), slow.bytes("sum"));
            assertThat(server.activeTests()).isZero();
        }
    }

    @Test
    void runsTcpTestsSideBySideUpToCapacity() {
        try (IperfServer server = start(2, 2, List.of())) {
            CompletableFuture<StockIperf3.Run> first = StockIperf3.start(server.localPort(), "-t", "2", "-P", "2");
            CompletableFuture<StockIperf3.Run> second = StockIperf3.start(server.localPort(), "-t", "2", "-R");

            assertThat(first.join().exitCode()).isZero();
            assertThat(second.join().exitCode()).isZero();
            listener.awaitResult(2);
            assertThat(listener.finished)
                    .extracting(IperfTestResult::role)
                    .containsExactlyInAnyOrder(IperfRole.RECEIVER, IperfRole.SENDER);
            assertThat(listener.finished.stream().filter(r -> r.role() == IperfRole.RECEIVER))
                    .singleElement()
                    .satisfies(r ->
                            assertThat(r.receivedBytes()).isEqualTo(first.join().bytes("sum_sent")));
        }
    }

    private IperfServer start(int capacity, int perClient, List<String> allowlist) {
        return IperfServer.start(
                TestSettings.settings(capacity, perClient, Duration.ofSeconds(10), allowlist), listener, meters);
    }

    private double refusals(String reason) {
        return meters.get("waddleperf.iperf.refusals")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static long lostPackets(IperfTestResult result) {
        return result.streams().stream()
                .mapToLong(IperfStreamResult::lostPackets)
                .sum();
    }
}
