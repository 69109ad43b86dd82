package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.BufferPool;
import io.waddleperf.testserver.iperf.Watchdog;
import java.util.concurrent.ScheduledExecutorService;

/** What every test of one server shares. */
record ServerContext(
        IperfProperties properties,
        int port,
        BufferPool buffers,
        Watchdog watchdog,
        ScheduledExecutorService timer,
        IperfListener listener,
        IperfMetrics metrics,
        TestRegistry registry,
        ServerLimits limits) {}
