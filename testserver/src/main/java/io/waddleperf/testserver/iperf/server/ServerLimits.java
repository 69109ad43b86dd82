package io.waddleperf.testserver.iperf.server;

import java.time.Duration;

/**
 * The server's settings that may change while it runs (node settings pushed by the API): read
 * fresh for every connection and test, so a change needs no restart. Tests already running keep
 * the idle timeout they started with.
 */
final class ServerLimits {

    private volatile ClientAllowlist allowlist;
    private volatile Duration idleTimeout;

    ServerLimits(ClientAllowlist allowlist, Duration idleTimeout) {
        this.allowlist = allowlist;
        this.idleTimeout = idleTimeout;
    }

    ClientAllowlist allowlist() {
        return allowlist;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    void set(ClientAllowlist allowlist, Duration idleTimeout) {
        this.allowlist = allowlist;
        this.idleTimeout = idleTimeout;
    }
}
