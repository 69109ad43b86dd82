package io.waddleperf.testserver.iperf;

import io.waddleperf.testserver.iperf.server.IperfProperties;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Server settings for tests: loopback, a free port, small limits where a test needs them. */
public final class TestSettings {

    public static IperfProperties loopback() {
        return settings(4, 4, Duration.ofSeconds(10), List.of());
    }

    public static IperfProperties settings(int capacity, int perClient, Duration idleTimeout, List<String> allowlist) {
        return new IperfProperties(
                true,
                0,
                "127.0.0.1",
                capacity,
                perClient,
                idleTimeout,
                Duration.ofSeconds(300),
                DataSize.ofKilobytes(8),
                allowlist);
    }

    private TestSettings() {}
}
