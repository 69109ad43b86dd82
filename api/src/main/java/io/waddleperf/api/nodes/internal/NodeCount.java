package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.licensing.UsageSource;
import io.waddleperf.api.nodes.NodeRegistry;
import org.springframework.stereotype.Component;

/** Enrolled, not revoked nodes of the installation, for {@code max_servers} and keepalive. */
@Component
class NodeCount implements UsageSource {

    private final NodeRegistry registry;

    NodeCount(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Kind kind() {
        return Kind.NODES;
    }

    @Override
    public long count() {
        return registry.countActive();
    }
}
