package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.IperfInterval;
import io.waddleperf.testserver.iperf.IperfRole;
import io.waddleperf.testserver.iperf.IperfTransport;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A finished iperf3 test as this server measured it.
 *
 * @param failure why the test failed, or {@code null} unless {@code outcome} is FAILED
 * @param cpuPercent CPU time of this test's stream threads over its wall time, as iperf3 reports
 */
public record IperfTestResult(
        String testId,
        InetSocketAddress client,
        IperfTransport transport,
        IperfRole role,
        int parallel,
        Outcome outcome,
        String failure,
        List<IperfStreamResult> streams,
        List<IperfInterval> intervals,
        double cpuPercent) {

    public IperfTestResult {
        streams = List.copyOf(streams);
        intervals = List.copyOf(intervals);
    }

    public enum Outcome {
        COMPLETED,
        /** The client interrupted the test (CLIENT_TERMINATE). */
        TERMINATED,
        FAILED
    }

    public long receivedBytes() {
        return streams.stream()
                .filter(s -> !s.sender())
                .mapToLong(IperfStreamResult::bytes)
                .sum();
    }

    public long sentBytes() {
        return streams.stream()
                .filter(IperfStreamResult::sender)
                .mapToLong(IperfStreamResult::bytes)
                .sum();
    }
}
