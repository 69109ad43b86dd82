package io.waddleperf.api.runs;

import io.waddleperf.api.tests.NodeSelector;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to run: a stored test ({@code testId}), or a tier ({@code tier} + {@code target}) whose
 * probes are derived from the target (see docs/runs.md).
 *
 * @param nodeSelector tier runs only: where to run; null lets any online node run them
 * @param dnsResolver tier runs only: {@code host[:port]} the DNS probe asks; null uses the node's
 * @param udpEchoPort tier runs only: the UDP echo port on the target (a WaddlePerf node's is 2000)
 * @param iperfPort tier runs only: the iperf3 port on the target (iperf3's default is 5201)
 */
public record RunRequest(
        @Nullable UUID testId,
        @Nullable Integer tier,
        @Nullable String target,
        @Nullable NodeSelector nodeSelector,
        @Nullable String dnsResolver,
        @Nullable Integer udpEchoPort,
        @Nullable Integer iperfPort) {}
