package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.NodeRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every replica sweeps on its own timer: the sweep is a single idempotent UPDATE, so running it
 * on several replicas at once is harmless, and there is no leader to lose.
 */
@Component
class OfflineSweeper {

    private static final Logger log = LoggerFactory.getLogger(OfflineSweeper.class);

    private final NodeRegistry registry;
    private final Clock clock;

    OfflineSweeper(NodeRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${waddleperf.nodes.sweep-interval:5s}")
    void sweep() {
        int marked = registry.markSilentNodesOffline(clock.instant());
        if (marked > 0) {
            log.info("{} node(s) went offline (no heartbeat for {})", marked, NodeRegistry.OFFLINE_AFTER);
        }
    }
}
