package io.waddleperf.license;

import java.time.Duration;
import java.util.Objects;

/**
 * What an installation reports in its hourly keepalive.
 *
 * @param nodes enrolled test-server nodes
 * @param users users across all organisations
 * @param monitors AutoPerf monitors
 * @param runs test runs since the previous keepalive
 */
public record Usage(
        String hostname, String version, Duration uptime, long nodes, long users, long monitors, long runs) {

    public Usage {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(uptime, "uptime");
        if (uptime.isNegative() || nodes < 0 || users < 0 || monitors < 0 || runs < 0) {
            throw new IllegalArgumentException("usage figures cannot be negative: " + this);
        }
    }
}
