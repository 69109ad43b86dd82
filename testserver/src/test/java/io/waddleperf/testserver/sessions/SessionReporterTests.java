package io.waddleperf.testserver.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.protocol.SessionReport;
import io.waddleperf.testserver.iperf.IperfInterval;
import io.waddleperf.testserver.iperf.IperfRole;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.TcpSummary;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused;
import io.waddleperf.testserver.iperf.server.IperfStreamResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import io.waddleperf.testserver.iperf.server.IperfTestStarted;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reporter turns server events into the protocol's bodies and holds what the API did not take. */
class SessionReporterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.51.100.7", 50123);

    /** Records every call and answers with a status, or fails like an unreachable API. */
    static final class FakeApi implements SessionUplink {
        final List<String> paths = new ArrayList<>();
        final List<JsonNode> bodies = new ArrayList<>();
        int status = 200;
        boolean down;

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public int post(String path, byte[] json, String idempotencyKey) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            paths.add(path);
            bodies.add(JSON.readTree(json));
            return status;
        }
    }

    private static SessionReporter reporter(FakeApi api, int capacity) {
        return new SessionReporter(
                new SessionProperties(true, capacity, Duration.ofMillis(10), Duration.ofMillis(20)),
                api,
                JSON,
                Clock.systemUTC());
    }

    private static IperfTestResult upload() {
        IperfInterval.Stream in = new IperfInterval.Stream(1, false, 125_000_000, 0, 0, 0, -1, null);
        return new IperfTestResult(
                "7",
                CLIENT,
                IperfTransport.TCP,
                IperfRole.RECEIVER,
                1,
                IperfTestResult.Outcome.COMPLETED,
                null,
                List.of(new IperfStreamResult(1, false, 250_000_000, 250_000_000, 0, 0, 0, 0, 2.0, null, 3)),
                List.of(new IperfInterval("7", 0, 0, 1, false, List.of(in))),
                1.5);
    }

    @Test
    void aFinishedTestIsReportedWithItsFiguresAndAProgressPointBeforeIt() {
        FakeApi api = new FakeApi();
        SessionReporter reporter = reporter(api, 10);
        reporter.testStarted(
                new IperfTestStarted("7", CLIENT, IperfTransport.TCP, IperfRole.RECEIVER, 1, 2, "3.12", null));
        reporter.intervalMeasured(new IperfInterval(
                "7", 0, 0, 1, false, List.of(new IperfInterval.Stream(1, false, 125_000_000, 0, 0, 0, -1, null))));
        reporter.flush();
        assertThat(api.paths).containsExactly(SessionReporter.PROGRESS_PATH);
        JsonNode point = api.bodies.getFirst().path("progress").path(0);
        assertThat(point.path("direction").asString()).isEqualTo("upload");
        assertThat(point.path("plannedSeconds").asInt()).isEqualTo(2);
        assertThat(point.path("interval").path("uploadMbps").asDouble()).isEqualTo(1000.0);

        reporter.testFinished(upload());
        reporter.flush();
        JsonNode session = api.bodies.getLast().path("sessions").path(0);
        assertThat(api.paths.getLast()).isEqualTo(SessionReporter.SESSIONS_PATH);
        assertThat(session.path("sessionId").asString())
                .isEqualTo(point.path("sessionId").asString());
        assertThat(session.path("clientAddress").asString()).isEqualTo("198.51.100.7");
        assertThat(session.path("clientPort").asInt()).isEqualTo(50123);
        assertThat(session.path("protocol").asString()).isEqualTo("tcp");
        assertThat(session.path("uploadMbps").asDouble()).isEqualTo(1000.0);
        assertThat(session.path("downloadMbps").isNull()).isTrue();
        // The client's own count from the results exchange.
        assertThat(session.path("retransmits").asLong()).isEqualTo(3);
        assertThat(session.path("outcome").asString()).isEqualTo("ok");
        assertThat(session.path("clientVersion").asString()).isEqualTo("3.12");
        assertThat(session.path("intervals")).hasSize(1);
        // An outside client named no run.
        assertThat(session.path("runId").isNull()).isTrue();
        assertThat(reporter.delivered()).isEqualTo(1);
    }

    @Test
    void aTestWhoseClientNamedARunInItsExtraDataIsReportedAsThatRuns() {
        FakeApi api = new FakeApi();
        SessionReporter reporter = reporter(api, 10);
        String runId = "0195f3a2-6c1e-7d3a-9b1f-2a3b4c5d6e7f";
        reporter.testStarted(new IperfTestStarted(
                "7",
                CLIENT,
                IperfTransport.TCP,
                IperfRole.RECEIVER,
                1,
                2,
                "3.12",
                SessionReport.RUN_EXTRA_DATA_PREFIX + runId));
        reporter.testFinished(upload());
        reporter.flush();
        assertThat(api.bodies.getLast().path("sessions").path(0).path("runId").asString())
                .isEqualTo(runId);
    }

    @Test
    void extraDataThatIsNotARunNamesNone() {
        assertThat(SessionReport.runIdIn(null)).isNull();
        assertThat(SessionReport.runIdIn("my own notes")).isNull();
        assertThat(SessionReport.runIdIn(SessionReport.RUN_EXTRA_DATA_PREFIX)).isNull();
        assertThat(SessionReport.runIdIn(SessionReport.RUN_EXTRA_DATA_PREFIX + "../../etc"))
                .isNull();
        assertThat(SessionReport.runIdIn(SessionReport.RUN_EXTRA_DATA_PREFIX + "a".repeat(65)))
                .isNull();
        assertThat(SessionReport.runIdIn(SessionReport.RUN_EXTRA_DATA_PREFIX + "r-1"))
                .isEqualTo("r-1");
    }

    @Test
    void aDownloadCountsTheNodesOwnRetransmitsAndTheClientsReceivedBytes() {
        FakeApi api = new FakeApi();
        SessionReporter reporter = reporter(api, 10);
        reporter.testFinished(new IperfTestResult(
                "8",
                CLIENT,
                IperfTransport.TCP,
                IperfRole.SENDER,
                1,
                IperfTestResult.Outcome.COMPLETED,
                null,
                List.of(new IperfStreamResult(
                        1,
                        true,
                        300_000_000,
                        250_000_000,
                        0,
                        0,
                        0,
                        0,
                        2.0,
                        new TcpSummary(5, 1, 1, 1, 1, 1, 1500),
                        -1)),
                List.of(),
                1));
        reporter.flush();
        JsonNode session = api.bodies.getLast().path("sessions").path(0);
        assertThat(session.path("direction").asString()).isEqualTo("download");
        assertThat(session.path("downloadMbps").asDouble()).isEqualTo(1000.0);
        assertThat(session.path("retransmits").asLong()).isEqualTo(5);
    }

    @Test
    void aRefusalIsASessionWithItsReason() {
        FakeApi api = new FakeApi();
        SessionReporter reporter = reporter(api, 10);
        reporter.connectionRefused(new IperfConnectionRefused(CLIENT, IperfConnectionRefused.Reason.CLIENT_LIMIT));
        reporter.flush();
        JsonNode session = api.bodies.getLast().path("sessions").path(0);
        assertThat(session.path("outcome").asString()).isEqualTo("refused");
        assertThat(session.path("reason").asString()).isEqualTo("client-limit");
        assertThat(session.path("direction").isNull()).isTrue();
    }

    @Test
    void whileTheApiIsAwayTheOldestGoFirstAndAreCounted() {
        FakeApi api = new FakeApi();
        api.down = true;
        SessionReporter reporter = reporter(api, 2);
        for (int i = 0; i < 3; i++) {
            reporter.connectionRefused(new IperfConnectionRefused(
                    new InetSocketAddress("198.51.100." + (i + 1), 1000), IperfConnectionRefused.Reason.BUSY));
        }
        reporter.flush();
        assertThat(reporter.queued()).isEqualTo(2);
        assertThat(reporter.dropped()).isEqualTo(1);

        api.down = false;
        reporter.flush();
        // The back-off holds the next attempt back; once it has passed, both go in one batch.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            reporter.flush();
            return reporter.queued() == 0;
        });
        JsonNode batch = api.bodies.getLast();
        assertThat(batch.path("dropped").asLong()).isEqualTo(1);
        List<String> clients = new ArrayList<>();
        batch.path("sessions").forEach(s -> clients.add(s.path("clientAddress").asString()));
        assertThat(clients).containsExactly("198.51.100.2", "198.51.100.3");
    }

    @Test
    void aBatchTheApiRefusesForGoodIsDroppedAndCounted() {
        FakeApi api = new FakeApi();
        api.status = 400;
        SessionReporter reporter = reporter(api, 10);
        reporter.connectionRefused(new IperfConnectionRefused(CLIENT, IperfConnectionRefused.Reason.NOT_ALLOWED));
        reporter.flush();
        assertThat(reporter.queued()).isZero();
        assertThat(reporter.dropped()).isEqualTo(1);
    }
}
