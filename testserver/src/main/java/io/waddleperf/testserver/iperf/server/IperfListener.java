package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.IperfInterval;

/**
 * Observes the iperf3 server: the node's connection log and live per-second figures come from
 * here. Called on the server's own threads; implementations must return quickly and not block.
 * An exception thrown here is logged and otherwise ignored.
 */
public interface IperfListener {

    IperfListener NONE = new IperfListener() {};

    default void testStarted(IperfTestStarted event) {}

    /** Once a second per running test, and once for the last partial second. */
    default void intervalMeasured(IperfInterval interval) {}

    default void testFinished(IperfTestResult result) {}

    default void connectionRefused(IperfConnectionRefused event) {}
}
