package io.waddleperf.testserver.iperf;

import static org.awaitility.Awaitility.await;

import io.waddleperf.testserver.iperf.server.IperfConnectionRefused;
import io.waddleperf.testserver.iperf.server.IperfListener;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import io.waddleperf.testserver.iperf.server.IperfTestStarted;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the server reports, so tests can compare the client's view with the server's own. */
public final class RecordingListener implements IperfListener {

    final List<IperfTestStarted> started = new CopyOnWriteArrayList<>();
    public final List<IperfInterval> intervals = new CopyOnWriteArrayList<>();
    public final List<IperfTestResult> finished = new CopyOnWriteArrayList<>();
    final List<IperfConnectionRefused> refused = new CopyOnWriteArrayList<>();

    @Override
    public void testStarted(IperfTestStarted event) {
        started.add(event);
    }

    @Override
    public void intervalMeasured(IperfInterval interval) {
        intervals.add(interval);
    }

    @Override
    public void testFinished(IperfTestResult result) {
        finished.add(result);
    }

    @Override
    public void connectionRefused(IperfConnectionRefused event) {
        refused.add(event);
    }

    /** The n-th test result (1-based), once the server has cleaned up after it. */
    public IperfTestResult awaitResult(int n) {
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> finished.size() >= n);
        return finished.get(n - 1);
    }
}
