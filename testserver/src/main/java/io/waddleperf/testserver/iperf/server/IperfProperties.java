package io.waddleperf.testserver.iperf.server;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * iperf3-compatible server settings.
 *
 * @param enabled whether the node runs the iperf3 server at all
 * @param port TCP port for control and data connections and UDP port for UDP streams; 0 picks a
 *     free one (tests)
 * @param bindAddress interface to listen on; a node answers on all of them by default
 * @param capacity tests that may run at once; one more gets iperf3's "server is busy"
 * @param maxTestsPerClient tests one client address may run at once, so one client cannot take
 *     every slot
 * @param idleTimeout how long any step may wait for the client: the cookie, the parameters, the
 *     data streams to connect, data to arrive or be read, the end-of-test messages
 * @param maxDuration longest {@code -t} accepted; also bounds {@code -n}/{@code -k} tests
 * @param maxParameterSize largest parameter JSON accepted; iperf3 itself caps it at 8 KiB since 3.17
 * @param allowlist client IPs and CIDR blocks allowed to test; empty allows every client
 */
@Validated
@ConfigurationProperties("waddleperf.iperf")
public record IperfProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5201") @Min(0) @Max(65535) int port,
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
        @DefaultValue("4") @Min(1) @Max(256) int capacity,
        @DefaultValue("2") @Min(1) int maxTestsPerClient,
        @DefaultValue("10s") @NotNull Duration idleTimeout,
        @DefaultValue("300s") @NotNull Duration maxDuration,
        @DefaultValue("8KB") @NotNull DataSize maxParameterSize,
        @DefaultValue({}) List<String> allowlist) {

    public IperfProperties {
        allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
        // Checked here rather than with annotations: Bean Validation has no Duration/DataSize bounds,
        // and a bad allowlist entry must stop the node instead of silently allowing everyone.
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.toMillis() < 100)) {
            throw new IllegalArgumentException("waddleperf.iperf.idle-timeout must be at least 100ms");
        }
        if (maxDuration != null && (maxDuration.toSeconds() < 1 || maxDuration.toSeconds() > 86_400)) {
            throw new IllegalArgumentException("waddleperf.iperf.max-duration must be 1s..24h");
        }
        if (maxParameterSize != null
                && (maxParameterSize.toBytes() < 256 || maxParameterSize.toBytes() > 1024 * 1024)) {
            throw new IllegalArgumentException("waddleperf.iperf.max-parameter-size must be 256B..1MB");
        }
        ClientAllowlist.parse(allowlist);
    }
}
