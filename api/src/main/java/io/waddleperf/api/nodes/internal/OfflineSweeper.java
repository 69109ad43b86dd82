package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Marks nodes offline that stopped sending heartbeats: a cluster job, so one replica sweeps each
 * time (the sweep is one conditional UPDATE, harmless even if it ran twice).
 */
@Component
class OfflineSweeper implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(OfflineSweeper.class);

    private final NodeRegistry registry;
    private final Clock clock;
    private final Duration interval;

    OfflineSweeper(
            NodeRegistry registry, Clock clock, @Value("${waddleperf.nodes.sweep-interval:5s}") Duration interval) {
        this.registry = registry;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "nodes-offline-sweep";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void run() {
        int marked = registry.markSilentNodesOffline(clock.instant());
        if (marked > 0) {
            log.info("{} node(s) went offline (no heartbeat for {})", marked, NodeRegistry.OFFLINE_AFTER);
        }
    }
}
