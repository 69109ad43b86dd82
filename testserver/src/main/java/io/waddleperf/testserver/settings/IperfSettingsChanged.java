package io.waddleperf.testserver.settings;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * New settings for the node's running iperf3 server, published (as a Spring event) when the API
 * pushes node settings. {@code null} restores what the node's configuration says. Listeners throw
 * {@link IllegalArgumentException} for a value they cannot take, and then change nothing.
 *
 * @param allowlist client addresses and CIDR blocks accepted; empty accepts everyone
 * @param idleTimeout how long the server waits for a client at any step
 * @param capacity tests the server runs at once
 */
public record IperfSettingsChanged(
        @Nullable List<String> allowlist,
        @Nullable Duration idleTimeout,
        @Nullable Integer capacity) {

    public IperfSettingsChanged {
        allowlist = allowlist == null ? null : List.copyOf(allowlist);
    }
}
